// The local SMTP sink: a real SMTP server (smtp-server from npm) that accepts every message on
// 127.0.0.1 and keeps it as a file, never relaying anything. Development and tests send
// reminders here; each message is <dir>/<time>-<n>.eml with <same>.json beside it ({from, to,
// receivedAt, eml}). Started by infra/stack.sh (SMTP_PORT, SMTP_SINK_DIR).
//   node infra/smtp-sink/smtp-sink.mjs   (env: SMTP_PORT default 51025, SMTP_SINK_DIR required)
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

const port = Number(process.env.SMTP_PORT ?? 51025);
const dir = process.env.SMTP_SINK_DIR;
if (!dir) {
  console.error('smtp-sink: SMTP_SINK_DIR is not set');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
let count = 0;

const server = new SMTPServer({
  // Plain SMTP on loopback: no TLS and no login (the sink delivers nowhere).
  disabledCommands: ['STARTTLS', 'AUTH'],
  authOptional: true,
  size: 10 * 1024 * 1024,
  banner: 'reintegra smtp sink',
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      if (stream.sizeExceeded) return callback(new Error('message too large'));
      const name = `${Date.now()}-${process.pid}-${++count}`;
      const eml = join(dir, `${name}.eml`);
      writeFileSync(eml, Buffer.concat(chunks));
      const meta = {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        receivedAt: new Date().toISOString(),
        eml: `${name}.eml`,
      };
      // Written under a temporary name and renamed: a reader never sees half a file.
      writeFileSync(join(dir, `.${name}.json`), JSON.stringify(meta));
      renameSync(join(dir, `.${name}.json`), join(dir, `${name}.json`));
      callback();
    });
  },
});
server.on('error', (error) => console.error('smtp-sink:', error.message));
server.listen(port, '127.0.0.1', () => {
  console.log(`smtp-sink listening on 127.0.0.1:${port}, messages in ${dir}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
