import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';

/** One exported span, as the test reads it (ids hex, attributes flattened to strings). */
export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  /** OTLP span kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  attributes: Record<string, string>;
  /** OTLP status: 0 unset, 1 ok, 2 error (what a viewer marks red), with its message. */
  status: { code: number; message?: string };
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
}

interface OtlpExport {
  resourceSpans?: Array<{
    resource?: { attributes?: Array<{ key: string; value: OtlpValue }> };
    scopeSpans?: Array<{
      spans?: Array<{
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        attributes?: Array<{ key: string; value: OtlpValue }>;
        status?: { code?: number; message?: string };
      }>;
    }>;
  }>;
}

const text = (value: OtlpValue) =>
  String(value.stringValue ?? value.intValue ?? value.doubleValue ?? value.boolValue ?? '');

const flatten = (attributes: Array<{ key: string; value: OtlpValue }> = []) =>
  Object.fromEntries(attributes.map(({ key, value }) => [key, text(value)]));

/**
 * An OTLP/HTTP trace receiver in the test process (what a collector is in production): services
 * export to `url`, and the test reads every span they sent, in the order received.
 */
export class OtlpSpanReceiver {
  readonly spans: ReceivedSpan[] = [];
  private readonly server: Server;
  private port = 0;

  constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        if (
          request.url === '/v1/traces' &&
          request.headers['content-type'] === 'application/json'
        ) {
          this.receive(JSON.parse(body.toString('utf8')) as OtlpExport);
          response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        } else {
          response.writeHead(415).end();
        }
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private receive(body: OtlpExport): void {
    for (const resourceSpans of body.resourceSpans ?? []) {
      const service = flatten(resourceSpans.resource?.attributes)['service.name'] ?? '';
      for (const scope of resourceSpans.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          this.spans.push({
            service,
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId || undefined,
            name: span.name,
            kind: span.kind,
            attributes: flatten(span.attributes),
            status: { code: span.status?.code ?? 0, message: span.status?.message },
          });
        }
      }
    }
  }

  /** The span and its ancestors, nearest first (as far as the received spans reach). */
  lineage(span: ReceivedSpan): ReceivedSpan[] {
    const byId = new Map(this.spans.map((s) => [`${s.traceId}/${s.spanId}`, s]));
    const chain = [span];
    for (let at = span; at.parentSpanId; ) {
      const parent = byId.get(`${at.traceId}/${at.parentSpanId}`);
      if (!parent) break;
      chain.push(parent);
      at = parent;
    }
    return chain;
  }
}
