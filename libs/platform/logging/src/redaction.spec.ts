import pino from 'pino';
import { Writable } from 'node:stream';
import { REDACT_PATHS } from './redaction';

describe('log redaction', () => {
  it('censors personal fields at any of the first levels and never logs bodies', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
    logger.info(
      {
        dui: '04567890-1',
        returnee: { firstNames: 'Ana María', contact: { phone: '7777-0000' } },
        req: { body: { lastNames: 'Pérez' } },
        caseId: 'c-1',
      },
      'registered',
    );
    const output = lines.join('');
    for (const secret of ['04567890-1', 'Ana María', '7777-0000', 'Pérez']) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('c-1');
  });
});
