import {
  partnerCommunityActivityChangedV1,
  partnerDataRedactionRequestedV1,
  partnerDirectoryServiceChangedV1,
  partnerEventCatalogue,
  partnerReferralStatusChangedV1,
  partnerSustainabilityScoreV1,
} from '@reintegra/event-contracts';
import { CATEGORY_POLICY, mayReceive, subscribableTypes } from './category-policy';

describe('category policy', () => {
  it('names only catalogued, non-mandatory types', () => {
    const optional = partnerEventCatalogue.filter((d) => !d.mandatory).map((d) => d.type);
    for (const entries of Object.values(CATEGORY_POLICY)) {
      for (const entry of entries) expect(optional).toContain(entry.type);
    }
  });

  it('keeps employers to employment referrals and schools to education ones', () => {
    const status = partnerReferralStatusChangedV1.type;
    expect(mayReceive('employer', status, 'employment')).toBe(true);
    expect(mayReceive('employer', status, 'education')).toBe(false);
    expect(mayReceive('employer', status)).toBe(false);
    expect(mayReceive('school', status, 'education')).toBe(true);
    expect(mayReceive('ngo', status, 'health')).toBe(true);
  });

  it('gives scores to IOM, government and academia only', () => {
    const score = partnerSustainabilityScoreV1.type;
    expect(['iom', 'government', 'academia'].every((c) => mayReceive(c as never, score))).toBe(
      true,
    );
    expect(mayReceive('ngo', score)).toBe(false);
    expect(subscribableTypes('employer')).not.toContain(score);
  });

  it('always lets redaction requests through', () => {
    for (const category of Object.keys(CATEGORY_POLICY)) {
      expect(mayReceive(category as never, partnerDataRedactionRequestedV1.type)).toBe(true);
    }
  });

  it('lists services for referring agencies and academia, providers only their own kind', () => {
    const directory = partnerDirectoryServiceChangedV1.type;
    const activity = partnerCommunityActivityChangedV1.type;
    for (const category of ['iom', 'government', 'ngo', 'academia'] as const) {
      expect(mayReceive(category, directory, 'health')).toBe(true);
      expect(mayReceive(category, activity)).toBe(true);
    }
    expect(mayReceive('employer', directory, 'employment')).toBe(true);
    expect(mayReceive('employer', directory, 'education')).toBe(false);
    expect(mayReceive('school', directory, 'education')).toBe(true);
    expect(mayReceive('school', directory, 'community')).toBe(false);
    expect(mayReceive('employer', activity)).toBe(false);
    expect(mayReceive('school', activity)).toBe(false);
  });
});
