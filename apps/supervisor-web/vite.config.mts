import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env['SUPERVISOR_API_URL'] ?? 'http://127.0.0.1:3106';

// The dashboard is static files: supervisor-api serves them in production; `vite preview` and
// `vite` (development) forward /api to it.
export default defineConfig({
  root,
  plugins: [react()],
  resolve: {
    alias: {
      '@reintegra/ui-web': fileURLToPath(
        new URL('../../libs/ui-web/src/index.ts', import.meta.url),
      ),
      '@reintegra/vocabulary': fileURLToPath(
        new URL('../../libs/contracts/vocabulary/src/index.ts', import.meta.url),
      ),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/supervisor-web', import.meta.url)),
    emptyOutDir: true,
  },
  server: { port: 4206, proxy: { '/api': api } },
  preview: { port: 4206, proxy: { '/api': api } },
});
