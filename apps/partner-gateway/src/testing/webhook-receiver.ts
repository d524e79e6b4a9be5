import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  id: string;
  timestamp: string;
  signature: string;
  replay: boolean;
  body: string;
  /** What the receiver answered. */
  status: number;
  at: number;
}

/** How a receiver path answers: always 2xx, fail the first n requests of each id, or always fail. */
export type Behaviour = { kind: 'ok' } | { kind: 'fail-first'; times: number } | { kind: 'fail' };

/**
 * A local webhook receiver for tests: records every request (headers, raw body, answer) per path
 * and answers as told. Bound to 127.0.0.1 (the only plain-http address the gateway may call
 * outside production).
 */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  private readonly behaviours = new Map<string, Behaviour>();
  private readonly attemptsPerId = new Map<string, number>();
  private server: Server | undefined;
  private port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        const id = String(req.headers['webhook-id'] ?? '');
        const attempt = (this.attemptsPerId.get(`${path} ${id}`) ?? 0) + 1;
        this.attemptsPerId.set(`${path} ${id}`, attempt);
        const behaviour = this.behaviours.get(path) ?? { kind: 'ok' };
        const fail =
          behaviour.kind === 'fail' ||
          (behaviour.kind === 'fail-first' && attempt <= behaviour.times);
        const status = fail ? 503 : 204;
        this.requests.push({
          path,
          id,
          timestamp: String(req.headers['webhook-timestamp'] ?? ''),
          signature: String(req.headers['webhook-signature'] ?? ''),
          replay: req.headers['reintegra-replay'] === 'true',
          body: Buffer.concat(chunks).toString('utf8'),
          status,
          at: Date.now(),
        });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** A URL of this receiver at `path`, answering as told. */
  endpoint(path: string, behaviour: Behaviour = { kind: 'ok' }): string {
    this.behaviours.set(path, behaviour);
    return `http://127.0.0.1:${this.port}${path}`;
  }

  behave(path: string, behaviour: Behaviour): void {
    this.behaviours.set(path, behaviour);
  }

  /** Requests to a path, in arrival order. */
  at(path: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  /** What the receiving application keeps: accepted requests, repeats dropped by webhook-id. */
  accepted(path: string): Array<ReceivedRequest & { event: Record<string, unknown> }> {
    const seen = new Set<string>();
    return this.at(path)
      .filter((request) => request.status < 300 && !seen.has(request.id) && seen.add(request.id))
      .map((request) => ({
        ...request,
        event: JSON.parse(request.body) as Record<string, unknown>,
      }));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }
}
