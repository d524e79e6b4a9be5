/** Loads a resource; reloads when the path changes (the shared helper, with this app's session). */
export { useApi } from './api';
