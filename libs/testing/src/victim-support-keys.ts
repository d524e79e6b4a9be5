import { Client } from 'pg';
import { testDatabaseUrl } from './stack';

/**
 * Victim support refuses to start when case keys are wrapped with another key-encryption key (a
 * mistyped key path must not look like data loss). Its own suite leaves keys wrapped with a fixed
 * test key in the shared test database: destroy them (crypto-shredding, as an erasure does) so the
 * key file of a process under test is the only one in use.
 */
export async function shredForeignCaseKeys(): Promise<void> {
  const client = new Client({ connectionString: testDatabaseUrl('victim_support', 'migrator') });
  await client.connect();
  try {
    await client.query(
      'UPDATE case_keys SET wrapped_key = NULL, destroyed_at = now() WHERE wrapped_key IS NOT NULL',
    );
  } finally {
    await client.end();
  }
}
