// Loads the fictional demo returnees through the intake API (the same path a real officer
// uses), so every one gets a reintegration path. Idempotent: a returnee already there (409) is
// left as it is. Acts as the demo national supervisor of the dev identity provider (demo returnees live in several municipalities).
// Usage: node tools/demo/load-demo-data.mjs http://127.0.0.1:3101 http://127.0.0.1:3100
import { readFileSync } from 'node:fs';

const intakeUrl = process.argv[2] ?? 'http://127.0.0.1:3101';
const identityUrl = process.argv[3] ?? 'http://127.0.0.1:3100';
const { returnees } = JSON.parse(
  readFileSync(new URL('./returnees.json', import.meta.url), 'utf8'),
);
const tokenResponse = await fetch(`${identityUrl}/dev/tokens`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ user: 'supervisora-nacional' }),
});
if (!tokenResponse.ok) throw new Error(`dev identity answered ${tokenResponse.status}`);
const { access_token: token } = await tokenResponse.json();
let created = 0;
let existing = 0;
for (const returnee of returnees) {
  const response = await fetch(`${intakeUrl}/returnees`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(returnee),
  });
  if (response.status === 201) created += 1;
  else if (response.status === 409) existing += 1;
  else {
    console.error(`demo returnee rejected (${response.status}): ${await response.text()}`);
    process.exit(1);
  }
}
console.log(`demo data: ${created} returnees registered, ${existing} already present`);
