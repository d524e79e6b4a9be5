import serviceSchema from './schema/service.json';
import { HSDS_SERVICE_COLUMNS, servicesCsv } from './hsds-csv';

describe('HSDS services.csv', () => {
  it('has exactly the flat fields of the HSDS 3 service, in the specification order', () => {
    const flat = Object.entries(serviceSchema.properties as Record<string, { type?: string }>)
      .filter(
        ([, property]) =>
          property.type !== 'array' && property.type !== undefined && property.type !== 'object',
      )
      .map(([name]) => name);
    expect([...HSDS_SERVICE_COLUMNS]).toEqual(flat);
  });

  it('quotes what needs quoting and leaves absent fields empty', () => {
    const csv = servicesCsv([
      { id: 'a', name: 'Albergue, "Los Nonualcos"', status: 'active', minimum_age: 18 },
    ]);
    const [header, row] = csv.split('\r\n');
    expect(header?.split(',')).toHaveLength(HSDS_SERVICE_COLUMNS.length);
    expect(row).toBe(`a,,,"Albergue, ""Los Nonualcos""",,,,,active,,,,,,,,18,,,,,,`);
  });
});
