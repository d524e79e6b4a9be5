import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { returneesMergedV1, TOPICS } from '@reintegra/event-contracts';
import { eventually } from '@reintegra/testing';
import {
  eventsOf,
  newPerson,
  stateOf,
  registerPerson,
  useCaseFlowSuite,
} from '../testing/case-flow-fixtures';
import { freshDui } from '../testing/intake-test-bed';

/** Two records of one person become one: explicit, audited, published, never silent. */
const intake = useCaseFlowSuite([TOPICS.intakeReturnees]);

const merge = (token: string, survivorId: string, mergedReturneeId: string) =>
  intake.call('POST', `/returnees/${survivorId}/merges`, token, {
    mergedReturneeId,
    reasonCode: 'same-person-verified',
  });

const episodesOf = (returneeId: string) =>
  intake.app
    .get(DataSource)
    .query(
      'SELECT id, episode_number FROM return_episodes WHERE returnee_id = $1 ORDER BY episode_number',
      [returneeId],
    );

describe('merging two records of one person', () => {
  it('moves the episodes to the survivor in the order of the returns, keeps the merged record pointing there, audits and publishes', async () => {
    // The same person registered twice: once with the DUI, once without (a different spelling).
    const dui = freshDui();
    const survivor = await registerPerson(intake, {
      confirmedNewPerson: true,
      dui: undefined,
      returnDate: '2024-02-01',
    });
    const secondOfSurvivor = await intake.call(
      'POST',
      `/returnees/${survivor.returneeId}/episodes`,
      intake.tokens.officer,
      {
        returnDate: '2026-08-01',
        countryReturnedFrom: 'US',
        receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
        municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      },
    );
    const other = await registerPerson(intake, {
      confirmedNewPerson: true,
      dui,
      returnDate: '2025-05-05',
    });

    const merged = await merge(intake.tokens.supervisor, survivor.returneeId, other.returneeId);
    expect(merged.status).toBe(200);
    expect(merged.body).toEqual({
      survivingReturneeId: survivor.returneeId,
      mergedReturneeId: other.returneeId,
      movedCaseIds: [other.caseId],
      episodes: [
        { caseId: survivor.caseId, episodeNumber: 1 },
        { caseId: other.caseId, episodeNumber: 2 },
        { caseId: secondOfSurvivor.body['caseId'], episodeNumber: 3 },
      ],
    });
    expect(await episodesOf(survivor.returneeId)).toEqual([
      { id: survivor.caseId, episode_number: 1 },
      { id: other.caseId, episode_number: 2 },
      { id: secondOfSurvivor.body['caseId'], episode_number: 3 },
    ]);
    expect(await episodesOf(other.returneeId)).toEqual([]);

    // Kept, not deleted: the merged record points to the survivor, which now carries the DUI.
    const rows = await intake.app
      .get(DataSource)
      .query('SELECT id, dui, merged_into FROM returnees WHERE id = ANY($1) ORDER BY created_at', [
        [survivor.returneeId, other.returneeId],
      ]);
    expect(rows).toEqual([
      { id: survivor.returneeId, dui, merged_into: null },
      { id: other.returneeId, dui: null, merged_into: survivor.returneeId },
    ]);
    const read = await intake.call('GET', `/returnees/${other.returneeId}`, intake.tokens.officer);
    expect(read.status).toBe(308);
    expect(read.headers.get('location')).toBe(`/returnees/${survivor.returneeId}`);
    expect(read.body).toMatchObject({ mergedInto: survivor.returneeId });
    const path = await intake.call(
      'GET',
      `/returnees/${other.returneeId}/path`,
      intake.tokens.officer,
    );
    expect(path.status).toBe(308);
    expect(path.headers.get('location')).toBe(`/returnees/${survivor.returneeId}/path`);
    // Another municipality's office learns nothing, not even the survivor's id.
    for (const suffix of ['', '/path']) {
      const elsewhere = await intake.call(
        'GET',
        `/returnees/${other.returneeId}${suffix}`,
        intake.tokens.officerElsewhere,
      );
      expect(elsewhere.status).toBe(403);
      expect(elsewhere.headers.get('location')).toBeNull();
      expect(JSON.stringify(elsewhere.body)).not.toContain(survivor.returneeId);
    }
    // The DUI now leads to the survivor and to a new episode there.
    const duplicate = await intake.call(
      'POST',
      '/returnees',
      intake.tokens.officer,
      newPerson({ dui }),
    );
    expect(duplicate.body).toMatchObject({ existing: `/returnees/${survivor.returneeId}` });

    const audit = await intake.app
      .get(DataSource)
      .query(
        `SELECT actor, action, returnee_id, related_id, reason_code, correlation_id FROM audit_log WHERE returnee_id = $1 AND action = 'returnee.merged'`,
        [survivor.returneeId],
      );
    expect(audit).toEqual([
      {
        actor: expect.stringMatching(/^user:/),
        action: 'returnee.merged',
        returnee_id: survivor.returneeId,
        related_id: other.returneeId,
        reason_code: 'same-person-verified',
        correlation_id: expect.any(String),
      },
    ]);
    const [event] = await eventually(() => {
      const events = eventsOf(
        intake.recorder.messages,
        secondOfSurvivor.body['caseId'] as string,
      ).filter((e) => e.type === returneesMergedV1.type);
      expect(events).toHaveLength(1);
      return events;
    });
    expect(event).toMatchObject({
      correlationid: audit[0].correlation_id,
      data: {
        survivingReturneeId: survivor.returneeId,
        mergedReturneeId: other.returneeId,
        movedCaseIds: [other.caseId],
        mergedBy: audit[0].actor,
      },
    });

    // Merged once: neither record can be merged again the other way round.
    const again = await merge(intake.tokens.supervisor, other.returneeId, survivor.returneeId);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'returnee.already-merged',
      existing: `/returnees/${survivor.returneeId}`,
    });
    // And a new return goes to the survivor.
    const episodeOnMerged = await intake.call(
      'POST',
      `/returnees/${other.returneeId}/episodes`,
      intake.tokens.officer,
      {
        returnDate: '2026-11-01',
        countryReturnedFrom: 'US',
        receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
        municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      },
    );
    expect(episodeOnMerged.status).toBe(409);
    expect(episodeOnMerged.body).toMatchObject({
      code: 'returnee.merged',
      existing: `/returnees/${survivor.returneeId}`,
    });
  });

  it('refuses two records with different DUIs, itself, or an unknown record, changing nothing', async () => {
    const one = await registerPerson(intake, { confirmedNewPerson: true });
    const two = await registerPerson(intake, { confirmedNewPerson: true });
    const ids = {
      returneeIds: [one.returneeId, two.returneeId],
      caseIds: [one.caseId, two.caseId],
    };
    const before = await stateOf(intake.app, ids);

    const differentDuis = await merge(intake.tokens.supervisor, one.returneeId, two.returneeId);
    expect(differentDuis.status).toBe(409);
    expect(differentDuis.body).toMatchObject({ code: 'returnee.merge-different-dui' });

    const self = await merge(intake.tokens.supervisor, one.returneeId, one.returneeId);
    expect(self.status).toBe(409);
    expect(self.body).toMatchObject({ code: 'returnee.merge-same-record' });

    const unknown = await merge(intake.tokens.supervisor, one.returneeId, randomUUID());
    expect(unknown.status).toBe(404);

    const invalid = await intake.call(
      'POST',
      `/returnees/${one.returneeId}/merges`,
      intake.tokens.supervisor,
      {
        mergedReturneeId: 'not-a-uuid',
        reasonCode: 'Same Person!',
      },
    );
    expect(invalid.status).toBe(400);
    expect((invalid.body['errors'] as Array<{ field: string }>).map((e) => e.field)).toEqual(
      expect.arrayContaining(['mergedReturneeId', 'reasonCode']),
    );

    expect(await stateOf(intake.app, ids)).toEqual(before);
  });

  it('is a supervisor’s act in their municipality (or a national supervisor’s)', async () => {
    const one = await registerPerson(intake, { confirmedNewPerson: true, dui: undefined });
    const two = await registerPerson(intake, { confirmedNewPerson: true, dui: undefined });
    const ids = {
      returneeIds: [one.returneeId, two.returneeId],
      caseIds: [one.caseId, two.caseId],
    };
    const before = await stateOf(intake.app, ids);
    const officer = await merge(intake.tokens.officer, one.returneeId, two.returneeId);
    expect(officer.status).toBe(403);
    expect(officer.body).toMatchObject({ code: 'auth.role-not-allowed' });
    const elsewhere = await merge(
      intake.tokens.supervisorElsewhere,
      one.returneeId,
      two.returneeId,
    );
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body).toMatchObject({ code: 'auth.outside-municipality' });
    expect(await stateOf(intake.app, ids)).toEqual(before);

    const national = await merge(intake.tokens.national, one.returneeId, two.returneeId);
    expect(national.status).toBe(200);
  });
});
