import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runMain, SECURITY_HEADERS } from '@reintegra/platform-http';
import { serve } from '@reintegra/platform-service';
import { rebuildReadModel } from './projection/rebuild-read-model';
import { supervisorApiService } from './service';
import { SupervisorApiModule } from './supervisor-api.module';

if (process.argv[2] === 'rebuild-read-model') {
  runMain('rebuild-read-model', () => rebuildReadModel());
} else {
  // One process: the read-model projection, the dashboard API with live alerts, and the web app.
  serve(
    supervisorApiService,
    (config) => SupervisorApiModule.register(config),
    async (app, config) => {
      if (!config.SUPERVISOR_WEB_DIR) return;
      const dir = resolve(config.SUPERVISOR_WEB_DIR);
      if (!existsSync(dir)) {
        console.warn(`supervisor-api: ${dir} not found; serving the API only`);
        return;
      }
      (app as NestExpressApplication).useStaticAssets(dir, {
        index: 'index.html',
        // The platform answers no-store; the bundle's hashed assets may be cached, the page not.
        setHeaders: (response, path) => {
          response.setHeader(
            'Cache-Control',
            path.endsWith('.html') ? 'no-store' : 'public, max-age=3600',
          );
          // The page itself fetches the identity provider's discovery document and token.
          if (path.endsWith('.html') && config.OIDC_ISSUER) {
            const csp = SECURITY_HEADERS['Content-Security-Policy'] ?? '';
            const provider = new URL(config.OIDC_ISSUER).origin;
            response.setHeader(
              'Content-Security-Policy',
              csp.replace("connect-src 'self'", `connect-src 'self' ${provider}`),
            );
          }
        },
      });
    },
  );
}
