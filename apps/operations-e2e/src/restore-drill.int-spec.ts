import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually, runToCompletion, ServiceProcess, testToken } from '@reintegra/testing';
import { openReferralsQuery, reintegrationPathWorkflowId } from '@reintegra/workflow-contracts';
import { OwnStack, root } from './own-stack';

/**
 * The restore drill municipal IT would run, on a stack of its own (own state dir and ports, so the
 * shared test stack is never touched): register a person, refer them, open a care record in victim
 * support, back up (the key-encryption key sealed apart), stop, wipe the whole state dir, start
 * empty engines, restore — and the person, the case, the referral, the running path and the care
 * record (readable with the restored key) are all back, and the pipeline works again.
 */
jest.setTimeout(900_000);
const drill = new OwnStack('restore-drill', {
  PG_PORT: '26532',
  KAFKA_PORT: '29292',
  KAFKA_CONTROLLER_PORT: '29293',
  TEMPORAL_PORT: '27433',
  TEMPORAL_UI_PORT: '28433',
  // The drill's stack starts an SMTP sink too, beside the one of the stack already running.
  SMTP_PORT: '21225',
  PROMETHEUS_PORT: '29290',
});
const stack = (...args: string[]) => drill.run(...args);
const backupDir = join(drill.work, 'backup');
const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';
// The key lives in the drill's state dir, so the wipe loses it: only the sealed copy brings it back.
const kekFile = join(drill.stackDir, 'secrets/victim-support-kek.b64');
const sealedKek = join(drill.work, 'victim-support-kek.sealed.json');
const INTAKE_NOTES = 'Llegó con su hija; pide no ser llamada al número anterior.';
const run = promisify(execFile);
const common = { TEMPORAL_TASK_QUEUE: 'reintegration-paths-restore-drill' };
const env = {
  intake: drill.env('intake', {
    ...common,
    KAFKA_CONSUMER_GROUP: 'intake-restore-drill',
    // The shortest hold the service takes, so the care record opens within the drill.
    VICTIM_SUPPORT_HOLD_MAX_MS: '2000',
  }),
  orchestrator: drill.env('orchestrator', {
    ...common,
    KAFKA_CONSUMER_GROUP: 'orchestrator-restore-drill',
  }),
  victimSupport: drill.env('victim_support', {
    KAFKA_CONSUMER_GROUP: 'victim-support-restore-drill',
    VICTIM_SUPPORT_KEK_FILE: kekFile,
  }),
};

let intake: ServiceProcess;
let orchestrator: ServiceProcess;
let victimSupport: ServiceProcess | undefined;

/**
 * Starts the services on the drill's stack. Victim support is left out on empty engines: started
 * there, it would make itself a new key, and an operator restores the old key before starting it.
 */
async function startServices(withVictimSupport = true): Promise<void> {
  await runToCompletion('intake', 'migrate', env.intake);
  await runToCompletion('orchestrator', 'migrate', env.orchestrator);
  intake = new ServiceProcess('intake', 3231, env.intake);
  orchestrator = new ServiceProcess('orchestrator', 3232, env.orchestrator);
  victimSupport = undefined;
  if (withVictimSupport) {
    await runToCompletion('victim-support', 'migrate', env.victimSupport);
    victimSupport = new ServiceProcess('victim-support', 3233, env.victimSupport);
  }
  await Promise.all([intake.start(), orchestrator.start(), victimSupport?.start()]);
}

async function stopServices(): Promise<void> {
  await Promise.allSettled([intake?.stop(), orchestrator?.stop(), victimSupport?.stop()]);
}

/** A La Paz Este counsellor's call to victim support. */
async function counsellor(method: string, path: string, body?: unknown) {
  const token = await testToken({
    roles: ['victim-support-counsellor'],
    municipalityCode: MUNICIPALITY,
    subject: 'consejera-drill',
  });
  const response = await fetch(`${victimSupport?.url}${path}`, {
    method,
    headers: { authorization: token, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** `node tools/scripts/key-custody.mjs …` with the drill's passphrase. */
const keyCustody = (...args: string[]) =>
  run(process.execPath, ['tools/scripts/key-custody.mjs', ...args], {
    cwd: root,
    env: { ...process.env, KEY_PASSPHRASE: 'frase de custodia del simulacro' },
  });

async function call(method: string, path: string, body?: unknown) {
  const token = await testToken({ roles: ['intake-officer'], municipalityCode: MUNICIPALITY });
  const response = await fetch(`${intake.url}${path}`, {
    method,
    headers: { authorization: token, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const openReferralsOf = (caseId: string): Promise<string[]> =>
  drill.temporal(async (client) =>
    (
      await client.workflow.getHandle(reintegrationPathWorkflowId(caseId)).query(openReferralsQuery)
    ).map((referral) => referral.referralId),
  );

const refer = (caseId: string, service: string) =>
  call('POST', `/cases/${caseId}/referrals`, {
    service,
    priority: 'normal',
    providerIds: [`proveedor-${service}-drill`],
  });

afterAll(async () => {
  await stopServices();
  await drill.dispose();
});

describe('the restore drill', () => {
  let caseId: string;
  let returneeId: string;
  let referralId: string;
  let reference: string;

  it('starts a stack of its own and records a person with a referral on a running path and a care record', async () => {
    await stack('start');
    await startServices();
    const registered = await call('POST', '/returnees', {
      firstNames: `Rosa Elena ${randomUUID().slice(0, 6)}`,
      lastNames: 'Alvarado Chicas',
      dateOfBirth: '1988-03-02',
      gender: 'female',
      returnDate: '2026-11-30',
      countryReturnedFrom: 'US',
      receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
      municipalityCode: MUNICIPALITY,
      districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
    });
    expect(registered.status).toBe(201);
    caseId = registered.body['caseId'] as string;
    returneeId = registered.body['returneeId'] as string;
    for (const scope of ['employment', 'housing', 'victim-support']) {
      const consent = await call('POST', `/cases/${caseId}/consents`, {
        purpose: 'service-referral',
        scope,
        formVersion: 'CONS-2026-01',
      });
      expect(consent.status).toBe(201);
    }
    const referral = await refer(caseId, 'employment');
    expect(referral.status).toBe(201);
    referralId = referral.body['id'] as string;
    await eventually(async () => expect(await openReferralsOf(caseId)).toContain(referralId), {
      timeoutMs: 60_000,
    });
    // Victim support gets a reference only; its counsellor opens the care record with notes.
    const support = await call('POST', `/cases/${caseId}/victim-support-referrals`, {
      priority: 'urgent',
      requestedServices: ['psychological'],
    });
    expect(support.status).toBe(201);
    reference = await eventually(
      async () => {
        const pending = (await counsellor('GET', '/referrals')).body as { reference: string }[];
        expect(pending).toHaveLength(1);
        return pending[0].reference;
      },
      { timeoutMs: 60_000 },
    );
    const accepted = await counsellor('POST', `/care-records/${reference}/acceptance`, {
      intakeNotes: INTAKE_NOTES,
    });
    expect(accepted.status).toBe(200);
    const record = await counsellor('GET', `/care-records/${reference}`);
    expect(record.body).toMatchObject({ intakeNotes: INTAKE_NOTES });
  });

  it('backs up, wipes the whole state and restores it onto empty engines', async () => {
    await stopServices();
    const backup = await stack('backup', backupDir);
    expect(backup).toMatch(/backup written to/);
    expect(existsSync(join(backupDir, 'postgres/intake.dump'))).toBe(true);
    expect(existsSync(join(backupDir, 'postgres/victim_support.dump'))).toBe(true);
    expect(existsSync(join(backupDir, 'temporal.db'))).toBe(true);
    // The key goes apart, sealed with a passphrase: the file does not hold it in the clear.
    await keyCustody('seal', kekFile, sealedKek);
    expect(readFileSync(sealedKek, 'utf8')).not.toContain(readFileSync(kekFile, 'utf8').trim());
    await stack('stop');
    rmSync(drill.stackDir, { recursive: true, force: true });
    await stack('start');
    // Empty engines: the person is not there before the restore.
    await startServices(false);
    expect((await call('GET', `/returnees/${returneeId}`)).status).toBe(404);
    await stopServices();
    const restored = await stack('restore', backupDir);
    expect(restored).toMatch(/restore: intake \(outbox: \d+ events to send again\)/);
    await keyCustody('open', sealedKek, kekFile);
  });

  it('has the person, the case, the referral and the running path back, and the pipeline works', async () => {
    await startServices();
    const person = await call('GET', `/returnees/${returneeId}`);
    expect(person.status).toBe(200);
    const theCase = await call('GET', `/cases/${caseId}`);
    expect(theCase.status).toBe(200);
    expect(theCase.body['referrals']).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: referralId, service: 'employment' })]),
    );
    expect(await openReferralsOf(caseId)).toContain(referralId);
    // The care record is back and readable: its notes open with the restored key.
    const record = await counsellor('GET', `/care-records/${reference}`);
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({ reference, status: 'accepted', intakeNotes: INTAKE_NOTES });
    // After the restore, a new referral goes through intake, Kafka and the orchestrator again.
    const housing = await refer(caseId, 'housing');
    expect(housing.status).toBe(201);
    await eventually(
      async () =>
        expect(await openReferralsOf(caseId)).toEqual(
          expect.arrayContaining([referralId, housing.body['id'] as string]),
        ),
      { timeoutMs: 60_000 },
    );
  });
});
