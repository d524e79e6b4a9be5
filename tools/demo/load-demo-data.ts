// Loads fictional demo data through the intake API, the way an officer would: N generated
// returnees (each then gets a reintegration path) and one generated arrival list of a flight or
// bus (pending pre-intake entries). Deterministic for a seed and date, and idempotent: a person
// already registered (409) or a list already imported (200) is left as it is.
// Acts as the demo national supervisor of the dev identity provider (people live in several
// municipalities).
//
// Usage (see tools/scripts/start.sh):
//   node -r ts-node/register -r tsconfig-paths/register tools/demo/load-demo-data.ts \
//     --intake http://127.0.0.1:3101 --employment http://127.0.0.1:3103 --identity http://127.0.0.1:3100 \
//     [--count 100] [--until YYYY-MM-DD] [--seed reintegra-demo]
// Then the first people of La Paz Este are taken through every phase (demo-story.ts).
import { parseArgs } from 'node:util';
import { arrivalListCsv, generateArrivalList, generateReturnees } from '@reintegra/demo-data';
import { STORY, tellStory } from './demo-story';

const STORY_MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';

const { values: options } = parseArgs({
  options: {
    intake: { type: 'string', default: 'http://127.0.0.1:3101' },
    employment: { type: 'string', default: 'http://127.0.0.1:3103' },
    identity: { type: 'string', default: 'http://127.0.0.1:3100' },
    count: { type: 'string', default: '100' },
    until: { type: 'string', default: new Date().toISOString().slice(0, 10) },
    seed: { type: 'string', default: 'reintegra-demo' },
  },
});

async function tokenOf(user: string): Promise<string> {
  const response = await fetch(`${options.identity}/dev/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  if (!response.ok) throw new Error(`dev identity answered ${response.status}`);
  return `Bearer ${((await response.json()) as { access_token: string }).access_token}`;
}

interface Candidate {
  link: string;
  nameSimilarity: number;
  sameDateOfBirth: boolean;
}

/** The first case of a person registered before (a 409 links the record). */
async function caseOfExisting(authorization: string, link: string) {
  const response = await fetch(`${options.intake}${link}`, {
    headers: { authorization },
  });
  const person = (await response.json()) as { episodes: { caseId: string }[] };
  return person.episodes[0]?.caseId;
}

/** Registers the generated people; answers the cases of those in the demo municipality, in order. */
async function registerReturnees(authorization: string): Promise<string[]> {
  const storyCases: string[] = [];
  const people = generateReturnees({
    seed: options.seed,
    count: Number(options.count),
    until: options.until,
  });
  let created = 0;
  let existing = 0;
  for (const [index, { registration }] of people.entries()) {
    const register = (body: object) =>
      fetch(`${options.intake}/returnees`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify(body),
      });
    let response = await register(registration);
    let answer = (await response.json()) as Record<string, unknown>;
    // Possible duplicates: the same person from an earlier start (same name and birth date) is
    // that person; a namesake is someone else, registered as such.
    const candidates = (answer['candidates'] ?? []) as Candidate[];
    const same = candidates.find((c) => c.nameSimilarity === 1 && c.sameDateOfBirth);
    if (response.status === 409 && !answer['existing'] && candidates.length > 0 && !same) {
      response = await register({ ...registration, confirmedNewPerson: true });
      answer = (await response.json()) as Record<string, unknown>;
    }
    let caseId: string | undefined;
    if (response.status === 201) {
      created += 1;
      caseId = answer['caseId'] as string;
    } else if (response.status === 409 && (answer['existing'] || same)) {
      existing += 1;
      caseId = await caseOfExisting(authorization, String(answer['existing'] ?? same?.link));
    } else
      throw new Error(`demo returnee rejected (${response.status}): ${JSON.stringify(answer)}`);
    if (registration.municipalityCode === STORY_MUNICIPALITY && caseId) storyCases.push(caseId);
    if ((index + 1) % 10 === 0 || index + 1 === people.length) {
      console.log(
        `  returnees ${index + 1}/${people.length}: ${created} registered, ${existing} already there`,
      );
    }
  }
  return storyCases;
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
  const authorization = await tokenOf('supervisora-nacional');
  const storyCases = await registerReturnees(authorization);
  await importArrivalList(authorization);
  const told = await tellStory(storyCases.slice(0, STORY.length), {
    intake: options.intake,
    employment: options.employment,
    tokenOf,
  });
  console.log(
    `  ${STORY_MUNICIPALITY} office at every phase: ${Object.entries(told)
      .map(([phase, count]) => `${count} ${phase}`)
      .join(', ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(`demo data: ${(error as Error).message}`);
  process.exit(1);
});
