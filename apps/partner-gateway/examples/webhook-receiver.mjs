// Example webhook receiver for a partner agency: verifies each Standard Webhooks signature over
// the raw body, drops repeats by webhook-id (retries and replays resend the same id), and honours
// redaction requests. Node 18+ and no dependencies.
//
//   WEBHOOK_SECRET=whsec_… PORT=8080 node apps/partner-gateway/examples/webhook-receiver.mjs
//
// Put it behind https (a reverse proxy with a certificate): the gateway calls only https URLs in
// production. Keep the seen-ids and the data in a database in real use; here they live in memory.
// Each kept event is printed as one JSON line.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const secret = process.env.WEBHOOK_SECRET ?? '';
if (!secret.startsWith('whsec_')) throw new Error('set WEBHOOK_SECRET (whsec_…)');
const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
const toleranceSeconds = 5 * 60;

const seen = new Set(); // webhook-ids already processed
const bySubject = new Map(); // pseudonym → events kept about it

function verified(headers, rawBody) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = String(headers['webhook-signature'] ?? '').split(' ');
  if (!id || !timestamp) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(
    `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${rawBody}`).digest('base64')}`,
  );
  return signatures.some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

function handle(event) {
  if (event.type === 'sv.reintegra.partner.data-redaction-requested.v1') {
    // The person withdrew consent: delete everything held about this pseudonym.
    bySubject.delete(event.subject);
  } else {
    bySubject.set(event.subject, [...(bySubject.get(event.subject) ?? []), event]);
  }
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const rawBody = Buffer.concat(chunks).toString('utf8'); // verify the bytes as received
    if (req.method !== 'POST' || !verified(req.headers, rawBody)) {
      res.writeHead(401).end();
      return;
    }
    const id = req.headers['webhook-id'];
    const repeat = seen.has(id);
    if (!repeat) {
      const event = JSON.parse(rawBody);
      handle(event);
      seen.add(id);
      console.log(JSON.stringify({ kept: event.id, type: event.type, subject: event.subject }));
    } else {
      console.log(
        JSON.stringify({ repeat: id, replay: req.headers['reintegra-replay'] === 'true' }),
      );
    }
    res.writeHead(204).end(); // answer fast (within 10 s); slow work belongs in a queue
  });
});

server.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? '127.0.0.1', () => {
  console.log(JSON.stringify({ listening: server.address().port }));
});
