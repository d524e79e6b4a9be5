import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { addressAllowed, type RuntimeMode } from './webhook-url-policy';

export interface WebhookResult {
  ok: boolean;
  statusCode?: number;
  error?: string;
}

/**
 * DNS lookup for webhook connections that refuses addresses the policy forbids, checked on the
 * address actually connected to: a host that passed the check when the subscription was made
 * cannot later point the gateway at an internal service (DNS rebinding).
 */
function guardedLookup(mode: RuntimeMode): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as unknown as LookupAddress[];
      const allowed = list.filter((entry) => addressAllowed(entry.address, mode));
      if (allowed.length === 0 || allowed.length !== list.length) {
        return callback(
          Object.assign(new Error(`address of ${hostname} not allowed`), {
            code: 'EADDRNOTALLOWED',
          }),
          '',
          0,
        );
      }
      if (options.all) return callback(null, allowed as never);
      const [first] = allowed;
      return callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}

/** POSTs one signed webhook; a 2xx answer is a delivery, anything else (or no answer) is not. */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  { mode, timeoutMs }: { mode: RuntimeMode; timeoutMs: number },
): Promise<WebhookResult> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
    if (!addressAllowedLiteral(host, mode)) {
      resolve({ ok: false, error: `address ${host} not allowed` });
      return;
    }
    const req = send(
      target,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'reintegra-partner-gateway/1',
        },
        lookup: guardedLookup(mode),
        timeout: timeoutMs,
      },
      (res) => {
        res.resume(); // the answer's body is not needed; drain it so the socket is freed
        res.on('end', () => {
          const statusCode = res.statusCode ?? 0;
          resolve(
            statusCode >= 200 && statusCode < 300
              ? { ok: true, statusCode }
              : { ok: false, statusCode, error: `HTTP ${statusCode}` },
          );
        });
        res.on('error', (error) =>
          resolve({ ok: false, statusCode: res.statusCode, error: error.message }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => resolve({ ok: false, error: error.message.slice(0, 300) }));
    req.end(body);
  });
}

/** An IP literal in the URL skips DNS, so it is checked here. */
function addressAllowedLiteral(host: string, mode: RuntimeMode): boolean {
  return isIP(host) === 0 || addressAllowed(host, mode);
}
