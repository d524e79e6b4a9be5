import { createApiClient } from '@reintegra/ui-web';

/** The office app's API client: every call goes to this origin (the office server proxies). */
export const api = createApiClient({ tokenKey: 'reintegra.office.token' });

export const intake = (path: string) => `/api/intake${path}`;
export const employment = (path: string) => `/api/employment${path}`;
export const education = (path: string) => `/api/education${path}`;
export const directory = (path: string) => `/api/directory${path}`;
export const identity = (path: string) => `/api/identity${path}`;
export const community = (path: string) => `/api/community${path}`;
