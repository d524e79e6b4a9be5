// Custody of the victim-support key-encryption key (KEK): it wraps every care record's key, so
// losing it makes every care record unreadable, and whoever holds it with a database backup can
// read them all. It is therefore never in `npm run backup`; this seals it apart, under a
// passphrase kept by a different person (scrypt + AES-256-GCM), and opens it again on restore.
//
//   KEY_PASSPHRASE=… node tools/scripts/key-custody.mjs seal [kek file] [sealed file]
//   KEY_PASSPHRASE=… node tools/scripts/key-custody.mjs open <sealed file> [kek file]
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const KEK_DEFAULT = process.env.VICTIM_SUPPORT_KEK_FILE ?? '.stack/secrets/victim-support-kek.b64';
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function fail(message, next) {
  console.error(`[key-custody] ${message}${next ? `\n[key-custody] next: ${next}` : ''}`);
  process.exit(1);
}

function passphrase() {
  const value = process.env.KEY_PASSPHRASE ?? '';
  if (value.length < 12) {
    fail(
      'KEY_PASSPHRASE must hold the custody passphrase (12 characters or more)',
      'KEY_PASSPHRASE=… npm run backup:key (the passphrase is kept by someone other than the backup operator)',
    );
  }
  return value;
}

function writePrivate(path, content) {
  mkdirSync(dirname(resolve(path)), { recursive: true, mode: 0o700 });
  writeFileSync(path, content, { mode: 0o600 });
  chmodSync(path, 0o600);
}

function seal(kekFile = KEK_DEFAULT, sealedFile) {
  if (!existsSync(kekFile))
    fail(`no key-encryption key at ${kekFile}`, 'set VICTIM_SUPPORT_KEK_FILE');
  const kek = readFileSync(kekFile, 'utf8').trim();
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = scryptSync(passphrase(), salt, 32, SCRYPT);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(kek, 'utf8'), cipher.final()]);
  const out =
    sealedFile ??
    `backups/victim-support-kek-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}Z.sealed.json`;
  const document = {
    kind: 'reintegra-sealed-kek',
    version: 1,
    kdf: { name: 'scrypt', ...SCRYPT, salt: salt.toString('base64') },
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    sealed: sealed.toString('base64'),
  };
  writePrivate(out, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`[key-custody] sealed key written to ${out}`);
  console.warn(
    '[key-custody] WARNING: keep this file and its passphrase apart from the database backups, ' +
      'with different people; without both, every care record is unreadable for good.',
  );
}

function open(sealedFile, kekFile = KEK_DEFAULT) {
  if (!sealedFile || !existsSync(sealedFile))
    fail('which sealed key? usage: open <sealed file> [kek file]');
  const document = JSON.parse(readFileSync(sealedFile, 'utf8'));
  if (document.kind !== 'reintegra-sealed-kek') fail(`${sealedFile} is not a sealed key`);
  const { N, r, p, maxmem, salt } = document.kdf;
  const key = scryptSync(passphrase(), Buffer.from(salt, 'base64'), 32, { N, r, p, maxmem });
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(document.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(document.tag, 'base64'));
  let kek;
  try {
    kek = Buffer.concat([
      decipher.update(Buffer.from(document.sealed, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    fail(
      'wrong passphrase, or the sealed file was changed',
      'check the passphrase with its keeper',
    );
  }
  if (existsSync(kekFile) && readFileSync(kekFile, 'utf8').trim() !== kek) {
    fail(
      `${kekFile} already holds another key: not overwritten`,
      'move it away first (records wrapped with it would become unreadable if it were lost)',
    );
  }
  writePrivate(kekFile, `${kek}\n`);
  console.log(`[key-custody] key-encryption key restored to ${kekFile}`);
}

const [command, ...args] = process.argv.slice(2);
if (command === 'seal') seal(...args);
else if (command === 'open') open(...args);
else fail('usage: key-custody.mjs seal [kek file] [sealed file] | open <sealed file> [kek file]');
