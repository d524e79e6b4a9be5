import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const lib = (path: string) => fileURLToPath(new URL(`../../libs/${path}`, import.meta.url));
// `vite` (development) forwards /api to the office server (dist/apps/office-web-server), which
// proxies to the services; production is that server alone (see server/office-server.ts).
const officeServer = process.env['OFFICE_WEB_URL'] ?? 'http://127.0.0.1:3108';

export default defineConfig({
  root,
  plugins: [react()],
  resolve: {
    alias: {
      '@reintegra/ui-web': lib('ui-web/src/index.ts'),
      '@reintegra/reference-data': lib('reference-data/src/index.ts'),
      '@reintegra/vocabulary': lib('contracts/vocabulary/src/index.ts'),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/office-web', import.meta.url)),
    emptyOutDir: true,
  },
  server: { port: 4208, proxy: { '/api': officeServer } },
});
