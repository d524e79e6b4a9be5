import { webConfig } from '../../eslint.config.mjs';

export default webConfig({ dirname: import.meta.dirname, scope: 'scope:office-web' });
