import { addDays, type DemoPerson, generatePerson } from './people';
import { SeededRandom } from './random';
import { RETURN_FLOWS, type ReturnFlow, tripNumber, type Transport } from './return-flows';

/** A POST /returnees body of intake. */
export interface DemoRegistration extends DemoPerson {
  readonly returnDate: string;
  readonly countryReturnedFrom: string;
  readonly receptionPoint: string;
}

export interface DemoReturnee {
  readonly registration: DemoRegistration;
  /** The flight or bus the person came back on. */
  readonly arrival: { readonly transport: Transport; readonly tripNumber: string };
}

export interface DemoTrip {
  readonly flow: ReturnFlow;
  readonly number: string;
  readonly date: string;
  readonly receptionPoint: string;
}

/** A flight or bus arriving on `date`. */
export function generateTrip(random: SeededRandom, date: string): DemoTrip {
  const flow = random.weighted(RETURN_FLOWS);
  return {
    flow,
    number: tripNumber(random, flow),
    date,
    receptionPoint: random.weighted(flow.receptionPoints),
  };
}

/**
 * Returnees who came back over the `days` before `until` (inclusive), on a few flights and buses.
 * Deterministic: the same seed and options give the same people.
 */
export function generateReturnees(options: {
  seed: string | number;
  count: number;
  until: string;
  days?: number;
}): DemoReturnee[] {
  const random = new SeededRandom(options.seed);
  const days = options.days ?? 60;
  const trips = Array.from({ length: Math.max(1, Math.ceil(options.count / 5)) }, () =>
    generateTrip(random, addDays(options.until, -random.int(0, days - 1))),
  );
  const usedDuis = new Set<string>();
  return Array.from({ length: options.count }, () => {
    const trip = random.pick(trips);
    return {
      registration: {
        ...generatePerson(random, trip.date, usedDuis),
        returnDate: trip.date,
        countryReturnedFrom: trip.flow.countryReturnedFrom,
        receptionPoint: trip.receptionPoint,
      },
      arrival: { transport: trip.flow.transport, tripNumber: trip.number },
    };
  });
}
