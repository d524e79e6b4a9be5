import { DataSource } from 'typeorm';
import { caseTransferredV1, TOPICS } from '@reintegra/event-contracts';
import { eventually, testToken } from '@reintegra/testing';
import {
  ELSEWHERE,
  eventsOf,
  HOME,
  newCase,
  useCaseFlowSuite,
} from '../testing/case-flow-fixtures';

/** Transfers between offices: consented request, answer by the receiving office, access moves. */
const intake = useCaseFlowSuite([TOPICS.intakeReturnees]);

const consent = { given: true, method: 'verbal' };
const toElsewhere = { toMunicipalityCode: ELSEWHERE, reasonCode: 'moved-residence', consent };

async function requestTransfer(caseId: string) {
  const reply = await intake.call(
    'POST',
    `/cases/${caseId}/transfers`,
    intake.tokens.officer,
    toElsewhere,
  );
  expect(reply.status).toBe(201);
  return reply.body['id'] as string;
}

/** The case's audited decisions (reads of personal data, `*.read`, are audited too: left out). */
const auditOf = (caseId: string): Promise<{ action: string; reason_code: string | null }[]> =>
  intake.app.get(DataSource).query(
    `SELECT action, reason_code FROM audit_log
        WHERE case_id = $1 AND action NOT LIKE '%.read' ORDER BY seq`,
    [caseId],
  );

describe('case transfers between offices', () => {
  it('refuses a request without the person’s consent, or for the case’s own municipality', async () => {
    const caseId = await newCase(intake);
    const path = `/cases/${caseId}/transfers`;
    const noConsent = await intake.call('POST', path, intake.tokens.officer, {
      ...toElsewhere,
      consent: { given: false, method: 'verbal' },
    });
    expect(noConsent.status).toBe(400);
    expect(noConsent.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(noConsent.body['errors'])).toMatch(/consentimiento/);
    const same = await intake.call('POST', path, intake.tokens.officer, {
      ...toElsewhere,
      toMunicipalityCode: HOME,
    });
    expect(same.status).toBe(422);
    expect(same.body['code']).toBe('transfer.same-municipality');
    expect(await auditOf(caseId)).toEqual([]);
  });

  it('moves the case to the receiving office on acceptance: access, event and audit on both sides', async () => {
    const caseId = await newCase(intake);
    const transferId = await requestTransfer(caseId);
    const again = await intake.call(
      'POST',
      `/cases/${caseId}/transfers`,
      intake.tokens.officer,
      toElsewhere,
    );
    expect(again.status).toBe(409);

    // Only the receiving office sees and answers it.
    const incoming = await intake.call(
      'GET',
      '/transfers/incoming',
      intake.tokens.officerElsewhere,
    );
    expect(incoming.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: transferId, caseId })]),
    );
    const atHome = await intake.call('GET', '/transfers/incoming', intake.tokens.officer);
    expect(atHome.body).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ id: transferId })]),
    );
    const byHome = await intake.call(
      'POST',
      `/transfers/${transferId}/acceptance`,
      intake.tokens.supervisor,
    );
    expect(byHome.status).toBe(403);
    expect(
      (await intake.call('GET', `/cases/${caseId}`, intake.tokens.officerElsewhere)).status,
    ).toBe(403);

    const accepted = await intake.call(
      'POST',
      `/transfers/${transferId}/acceptance`,
      intake.tokens.supervisorElsewhere,
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', toMunicipalityCode: ELSEWHERE });
    const twice = await intake.call(
      'POST',
      `/transfers/${transferId}/acceptance`,
      intake.tokens.supervisorElsewhere,
    );
    expect(twice.status).toBe(409);

    // The sending office follows its request after losing the case: accepted, by then.
    const outgoing = await intake.call('GET', '/transfers/outgoing', intake.tokens.officer);
    expect(outgoing.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: transferId, status: 'accepted' })]),
    );
    const receiving = await intake.call(
      'GET',
      '/transfers/outgoing',
      intake.tokens.officerElsewhere,
    );
    expect(receiving.body).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ id: transferId })]),
    );

    expect((await intake.call('GET', `/cases/${caseId}`, intake.tokens.officer)).status).toBe(403);
    const there = await intake.call('GET', `/cases/${caseId}`, intake.tokens.officerElsewhere);
    expect(there.status).toBe(200);

    const event = await eventually(() => {
      const found = eventsOf(intake.recorder.messages, caseId).find(
        (e) => e.type === caseTransferredV1.type,
      );
      if (!found) throw new Error('no case.transferred yet');
      return found;
    });
    expect(event.data).toMatchObject({
      caseId,
      transferId,
      fromMunicipalityCode: HOME,
      toMunicipalityCode: ELSEWHERE,
      requestedBy: expect.stringMatching(/^user:/),
      acceptedBy: event.actor,
    });
    expect(await auditOf(caseId)).toEqual([
      { action: 'case.transfer-requested', reason_code: 'moved-residence' },
      { action: 'case.transfer-accepted', reason_code: null },
    ]);
  });

  it('keeps the case where it is when the receiving office declines', async () => {
    const caseId = await newCase(intake);
    const transferId = await requestTransfer(caseId);
    const declined = await intake.call(
      'POST',
      `/transfers/${transferId}/decline`,
      intake.tokens.officerElsewhere,
      { reasonCode: 'not-resident' },
    );
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', declineReasonCode: 'not-resident' });
    expect((await intake.call('GET', `/cases/${caseId}`, intake.tokens.officer)).status).toBe(200);
    expect(await auditOf(caseId)).toEqual([
      { action: 'case.transfer-requested', reason_code: 'moved-residence' },
      { action: 'case.transfer-declined', reason_code: 'not-resident' },
    ]);
    // Declined, a new request may be made.
    await requestTransfer(caseId);
  });

  it('lets only intake officers and supervisors use the transfer routes', async () => {
    const caseId = await newCase(intake);
    const transferId = await requestTransfer(caseId);
    const others = await Promise.all(
      ['employment-caseworker', 'education-caseworker', 'partner', 'admin'].map((role) =>
        testToken({ roles: [role as never], municipalityCode: ELSEWHERE }),
      ),
    );
    const routes: [string, string, unknown][] = [
      ['POST', `/cases/${caseId}/transfers`, toElsewhere],
      ['GET', '/transfers/incoming', undefined],
      ['GET', '/transfers/outgoing', undefined],
      ['POST', `/transfers/${transferId}/acceptance`, undefined],
      ['POST', `/transfers/${transferId}/decline`, { reasonCode: 'other' }],
    ];
    for (const [method, path, body] of routes) {
      expect((await intake.call(method, path, '', body)).status).toBe(401);
      for (const token of others) {
        expect((await intake.call(method, path, token, body)).status).toBe(403);
      }
    }
  });
});
