import { findMunicipality } from '@reintegra/reference-data';
import type { LocationRow, OrganizationRow, ServiceRow } from '../core/directory.queries';
import { DEMO_LOCATIONS, DEMO_ORGANIZATIONS, DEMO_SERVICES } from '../seed/demo-directory';
import { hsdsValidators } from '../testing/hsds-validators';
import { organizationToHsds, serviceFromHsds, serviceToHsds } from './hsds-mapping';
import { stableUuid } from './hsds-ids';

/** The demo directory as the rows the queries return. */
function demoRows() {
  const orgs = new Map<string, OrganizationRow>(
    DEMO_ORGANIZATIONS.map((o) => [
      o.id,
      {
        id: o.id,
        hsdsId: stableUuid('org', o.id),
        name: o.name,
        alternateName: null,
        description: o.description,
        email: 'contacto@example.org',
        website: 'https://example.org/',
        municipalityCode: o.municipalityCode,
        updatedAt: '2026-12-01T10:00:00.000Z',
      },
    ]),
  );
  const locations = new Map<string, LocationRow>(
    DEMO_LOCATIONS.map((l) => [
      l.id,
      {
        id: l.id,
        organizationId: l.organizationId,
        name: l.name,
        address1: l.address1 ?? null,
        departmentCode: findMunicipality(l.municipalityCode)?.departmentCode ?? '',
        municipalityCode: l.municipalityCode,
        districtCode: l.districtCode ?? null,
        updatedAt: '2026-12-01T10:00:00.000Z',
      },
    ]),
  );
  const services: ServiceRow[] = DEMO_SERVICES.map((s) => {
    const location = locations.get(s.locationId) as LocationRow;
    return {
      id: s.id,
      organizationId: s.organizationId,
      locationId: s.locationId,
      name: s.name,
      description: s.description ?? null,
      serviceType: s.serviceType as ServiceRow['serviceType'],
      status: s.status,
      minimumAge: s.minimumAge ?? null,
      maximumAge: s.maximumAge ?? null,
      womenOnly: s.womenOnly,
      requiredDocuments: [...s.requiredDocuments],
      languages: [...s.languages],
      schedules: [...s.schedules],
      applicationProcess: null,
      feesDescription: null,
      capacityMaximum: s.capacityMaximum ?? null,
      capacityReported: s.capacityAvailable ?? null,
      capacityLive: null,
      capacityAvailable: s.capacityAvailable ?? null,
      capacityUpdatedAt: null,
      departmentCode: location.departmentCode,
      municipalityCode: location.municipalityCode,
      districtCode: location.districtCode,
      updatedAt: '2026-12-01T10:00:00.000Z',
    };
  });
  return { orgs, locations, services };
}

describe('HSDS 3 mapping', () => {
  const validators = hsdsValidators();
  const { orgs, locations, services } = demoRows();
  const exported = services.map((s) =>
    serviceToHsds(
      s,
      orgs.get(s.organizationId) as OrganizationRow,
      locations.get(s.locationId) as LocationRow,
    ),
  );

  it('exports every demo service as a valid HSDS 3.0.1 service', () => {
    for (const service of exported) {
      const valid = validators.service(service);
      expect(validators.service.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
    expect(exported).toHaveLength(DEMO_SERVICES.length);
  });

  it('exports organisations as valid HSDS organizations carrying the provider id', () => {
    for (const org of orgs.values()) {
      const hsds = organizationToHsds(org);
      expect(validators.organization(hsds)).toBe(true);
      expect(hsds['organization_identifiers']).toEqual([
        expect.objectContaining({ identifier_scheme: 'reintegra-provider-id', identifier: org.id }),
      ]);
    }
  });

  it('the schema catches a broken export (sanity check of the validator)', () => {
    expect(validators.service({ ...exported[0], status: 'open', id: 'not-a-uuid' })).toBe(false);
  });

  it('imports its own export back to the same rows', () => {
    for (const [index, service] of exported.entries()) {
      const parsed = serviceFromHsds(service);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      const original = DEMO_SERVICES[index];
      expect(parsed.value.service).toMatchObject({
        id: original?.id,
        organizationId: original?.organizationId,
        serviceType: original?.serviceType,
        womenOnly: original?.womenOnly,
        minimumAge: original?.minimumAge ?? null,
        capacityAvailable: original?.capacityAvailable ?? null,
        schedules: original?.schedules,
      });
      expect(parsed.value.location.districtCode).toBe(
        DEMO_LOCATIONS.find((l) => l.id === original?.locationId)?.districtCode,
      );
    }
  });

  it('refuses what it cannot place, with every reason', () => {
    const parsed = serviceFromHsds({ id: 'x', name: 'Sin datos', status: 'active' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.length).toBeGreaterThanOrEqual(3);
  });
});
