import { arrivalListCsv, generateArrivalList } from '@reintegra/demo-data';
import { rowsOf } from './arrival-list-source';
import { arrivalRowSchema, naturalKeyOf } from './arrival-row';

const nth = <T>(items: readonly T[], index: number): T => {
  const item = items[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
};
const rows = generateArrivalList({ seed: 'arrival-spec', arrivalDate: '2026-11-20', size: 400 });

describe('arrival list rows', () => {
  it('accept every generated demo row', () => {
    for (const row of rows) {
      expect(arrivalRowSchema.safeParse(row).error?.issues ?? []).toEqual([]);
    }
  });

  it('key the same person on the same trip however the name is spelt', () => {
    const row = arrivalRowSchema.parse({
      ...rows[0],
      firstNames: 'José  Ángel',
      lastNames: 'Núñez',
    });
    const typed = arrivalRowSchema.parse({
      ...rows[0],
      firstNames: 'JOSE ANGEL',
      lastNames: 'nunez',
    });
    expect(naturalKeyOf(typed)).toBe(naturalKeyOf(row));
    const otherTrip = arrivalRowSchema.parse({
      ...rows[0],
      firstNames: 'José Ángel',
      lastNames: 'Núñez',
      tripNumber: 'X1',
    });
    expect(naturalKeyOf(otherTrip)).not.toBe(naturalKeyOf(row));
  });

  it('read CSV with a byte-order mark, quotes and blank optional cells', () => {
    const csv = `\uFEFF${arrivalListCsv([{ ...nth(rows, 0), firstNames: 'Ana, "la Nena"', dui: undefined }])}`;
    const [row] = rowsOf({ format: 'csv', text: csv });
    expect(row?.cells).toMatchObject({ firstNames: 'Ana, "la Nena"' });
    expect(row?.cells).not.toHaveProperty('dui');
  });

  it('take an optional family group and role; a role without a family is refused', () => {
    const csv = arrivalListCsv([nth(rows, 0)]).split('\n');
    const withFamily = `${csv[0]},familyGroup,familyRole\n${csv[1]},FAM-7,child\n${csv[1]},,head\n`;
    const [member, loose] = rowsOf({ format: 'csv', text: withFamily });
    expect(arrivalRowSchema.parse(member?.cells)).toMatchObject({
      familyGroup: 'FAM-7',
      familyRole: 'child',
    });
    expect(arrivalRowSchema.safeParse(loose?.cells).error?.issues).toEqual([
      expect.objectContaining({ path: ['familyRole'] }),
    ]);
    expect(arrivalRowSchema.safeParse({ ...member?.cells, familyRole: 'cousin' }).success).toBe(
      false,
    );
  });
});
