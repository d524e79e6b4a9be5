// Loads fictional demo data through the intake API, the way an officer would: N generated
// returnees (each then gets a reintegration path) and one generated arrival list of a flight or
// bus (pending pre-intake entries). Deterministic for a seed and date, and idempotent: a person
// already registered (409) or a list already imported (200) is left as it is.
// Acts as the demo national supervisor of the dev identity provider (people live in several
// municipalities).
//
// Usage (see tools/scripts/start.sh):
//   node -r ts-node/register -r tsconfig-paths/register tools/demo/load-demo-data.ts \
//     --intake http://127.0.0.1:3101 --identity http://127.0.0.1:3100 [--count 60] [--until YYYY-MM-DD] [--seed reintegra-demo]
import { parseArgs } from 'node:util';
import { arrivalListCsv, generateArrivalList, generateReturnees } from '@reintegra/demo-data';

const { values: options } = parseArgs({
  options: {
    intake: { type: 'string', default: 'http://127.0.0.1:3101' },
    identity: { type: 'string', default: 'http://127.0.0.1:3100' },
    count: { type: 'string', default: '60' },
    until: { type: 'string', default: new Date().toISOString().slice(0, 10) },
    seed: { type: 'string', default: 'reintegra-demo' },
  },
});

async function token(): Promise<string> {
  const response = await fetch(`${options.identity}/dev/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: 'supervisora-nacional' }),
  });
  if (!response.ok) throw new Error(`dev identity answered ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function registerReturnees(authorization: string): Promise<void> {
  const people = generateReturnees({
    seed: options.seed,
    count: Number(options.count),
    until: options.until,
  });
  let created = 0;
  let existing = 0;
  for (const [index, { registration }] of people.entries()) {
    const response = await fetch(`${options.intake}/returnees`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(registration),
    });
    if (response.status === 201) created += 1;
    else if (response.status === 409) existing += 1;
    else throw new Error(`demo returnee rejected (${response.status}): ${await response.text()}`);
    if ((index + 1) % 10 === 0 || index + 1 === people.length) {
      console.log(
        `  returnees ${index + 1}/${people.length}: ${created} registered, ${existing} already there`,
      );
    }
  }
}

async function importArrivalList(authorization: string): Promise<void> {
  const rows = generateArrivalList({ seed: options.seed, arrivalDate: options.until });
  const response = await fetch(`${options.intake}/arrival-lists`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization },
    body: arrivalListCsv(rows),
  });
  if (![200, 201, 202].includes(response.status)) {
    throw new Error(`demo arrival list rejected (${response.status}): ${await response.text()}`);
  }
  const location = response.headers.get('location');
  let list = (await response.json()) as Record<string, unknown>;
  while (list['status'] !== 'completed') {
    await new Promise((resolve) => setTimeout(resolve, 500));
    list = (await (
      await fetch(`${options.intake}${location}`, { headers: { authorization } })
    ).json()) as Record<string, unknown>;
  }
  const trip = `${rows[0]?.transport} ${rows[0]?.tripNumber}`;
  console.log(
    `  arrival list ${location} (${trip}, ${rows.length} people): ${
      response.status === 200 ? 'imported before' : 'imported'
    }, ${list['accepted']} pending entries, ${list['rejected']} rejected`,
  );
}

async function main(): Promise<void> {
  const authorization = `Bearer ${await token()}`;
  await registerReturnees(authorization);
  await importArrivalList(authorization);
}

main().catch((error: unknown) => {
  console.error(`demo data: ${(error as Error).message}`);
  process.exit(1);
});
