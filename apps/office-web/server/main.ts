import { join } from 'node:path';
import { createOfficeServer } from './office-server';

/**
 * `node dist/apps/office-web-server/main.js`: serves the office app and proxies its API calls.
 * Every setting comes from the environment; the defaults are the ports `npm start` uses.
 */
const env = process.env;
const port = Number(env['HTTP_PORT'] ?? 3108);
const host = env['HTTP_HOST'] ?? '127.0.0.1';
const server = createOfficeServer({
  staticDir: env['OFFICE_WEB_DIR'] ?? join(__dirname, '../office-web'),
  upstreams: {
    intake: env['INTAKE_URL'] ?? 'http://127.0.0.1:3101',
    employment: env['EMPLOYMENT_URL'] ?? 'http://127.0.0.1:3103',
    education: env['EDUCATION_URL'] ?? 'http://127.0.0.1:3104',
    directory: env['DIRECTORY_URL'] ?? 'http://127.0.0.1:3109',
    community: env['COMMUNITY_URL'] ?? 'http://127.0.0.1:3110',
    identity: env['DEV_IDENTITY_URL'] ?? 'http://127.0.0.1:3100',
  },
  // The demo login exists for development and demos only: off unless asked for, or in
  // development/test.
  devLogin: (env['DEV_LOGIN'] ?? (env['NODE_ENV'] === 'production' ? 'false' : 'true')) === 'true',
  ...(env['OIDC_ISSUER']
    ? { oidc: { issuer: env['OIDC_ISSUER'], clientId: env['OIDC_CLIENT_ID'] ?? 'office-web' } }
    : {}),
});
server.listen(port, host, () => {
  process.stdout.write(
    `${JSON.stringify({ level: 'info', msg: 'office web listening', url: `http://${host}:${port}` })}\n`,
  );
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
