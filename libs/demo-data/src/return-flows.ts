import type { SeededRandom } from './random';

/** Where returnees are received (the values intake accepts as receptionPoint). */
export const AIRPORT = 'aeropuerto-internacional-san-oscar-romero';

export type Transport = 'flight' | 'bus';

export interface ReturnFlow {
  readonly transport: Transport;
  readonly countryReturnedFrom: 'US' | 'MX' | 'GT';
  /** Reception points of this flow with their weights. */
  readonly receptionPoints: ReadonlyArray<readonly [string, number]>;
  /** Typical people per trip. */
  readonly tripSize: readonly [number, number];
}

/**
 * How people come back: most on charter flights from the United States, some on flights from
 * Mexico, and buses from Mexico and Guatemala through the western land borders.
 */
export const RETURN_FLOWS: ReadonlyArray<readonly [ReturnFlow, number]> = [
  [
    {
      transport: 'flight',
      countryReturnedFrom: 'US',
      receptionPoints: [[AIRPORT, 1]],
      tripSize: [40, 120],
    },
    70,
  ],
  [
    {
      transport: 'flight',
      countryReturnedFrom: 'MX',
      receptionPoints: [[AIRPORT, 1]],
      tripSize: [30, 90],
    },
    10,
  ],
  [
    {
      transport: 'bus',
      countryReturnedFrom: 'MX',
      receptionPoints: [
        ['frontera-la-hachadura', 6],
        ['frontera-san-cristobal', 2],
        ['frontera-el-poy', 1],
      ],
      tripSize: [20, 45],
    },
    15,
  ],
  [
    {
      transport: 'bus',
      countryReturnedFrom: 'GT',
      receptionPoints: [
        ['frontera-san-cristobal', 3],
        ['frontera-anguiatu', 2],
        ['frontera-la-hachadura', 2],
      ],
      tripSize: [10, 40],
    },
    5,
  ],
];

/** A flight or bus number as manifests print them, e.g. GXA1234 (charter) or BUS-MX-0457. */
export function tripNumber(random: SeededRandom, flow: ReturnFlow): string {
  if (flow.transport === 'flight') {
    const operator = flow.countryReturnedFrom === 'US' ? random.pick(['GXA', 'IAE', 'SWQ']) : 'VIV';
    return `${operator}${random.int(1000, 9999)}`;
  }
  return `BUS-${flow.countryReturnedFrom}-${String(random.int(1, 9999)).padStart(4, '0')}`;
}
