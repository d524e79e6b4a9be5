import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { testDatabaseUrl } from '@reintegra/testing';

/**
 * Pulse survey answers recorded through the real community inclusion API (as an admin, who may
 * act in any municipality): six residents of one activity answer before, and after a cycle. Only
 * three answer the neighbourhood-trust item afterwards (a cell under 5); nobody answers the
 * discrimination item.
 */
export async function seedPulseSurvey(
  communityUrl: string,
  token: string,
  municipalityCode: string,
): Promise<void> {
  // Earlier runs' answers in this municipality go, so the means and counts are this run's.
  const db = new Client({ connectionString: testDatabaseUrl('community_inclusion', 'migrator') });
  await db.connect();
  try {
    await db.query(
      `DELETE FROM survey_responses r USING activities a
        WHERE a.id = r.activity_id AND a.municipality_code = $1`,
      [municipalityCode],
    );
  } finally {
    await db.end();
  }
  const call = async (path: string, body: unknown) => {
    const response = await fetch(`${communityUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (response.status !== 201)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const activity = await call('/activities', {
    providerId: 'casa-de-la-cultura',
    kind: 'culture',
    title: 'Noches de cuentos',
    municipalityCode,
    publicSpace: 'Casa de la cultura',
    schedule: 'viernes 18:00-20:00',
    startsOn: '2026-10-01',
    capacity: 40,
    targetGroups: ['returnees', 'residents'],
  });
  const activityId = activity['id'] as string;
  for (let i = 0; i < 6; i++) {
    const resident = await call('/participants', {
      origin: 'resident',
      displayName: `Vecino ${randomUUID().slice(0, 4)}`,
      municipalityCode,
      consent: { formVersion: 'comunidad-2026-12', purposes: ['participation', 'survey'] },
    });
    const participantId = resident['id'] as string;
    await call(`/activities/${activityId}/participants`, { participantId });
    const respond = (wave: 'pre' | 'post', answers: Record<string, number>) =>
      call(`/activities/${activityId}/survey-responses`, {
        participantId,
        questionnaireVersion: 'pulse-2026-12',
        wave,
        answers,
      });
    await respond('pre', { 'feels-part-of-community': 2, 'trust-people-neighbourhood': 3 });
    await respond('post', {
      'feels-part-of-community': 4,
      ...(i < 3 ? { 'trust-people-neighbourhood': 4 } : {}),
    });
  }
}
