import type { EntityManager } from 'typeorm';
import type { ArrivalTripsQuery } from './arrival-list.requests';

/** One flight or bus of an imported list, with how many of its people are still to register. */
export interface ArrivalTrip {
  listId: string;
  transport: 'flight' | 'bus';
  tripNumber: string;
  arrivalDate: string;
  pending: number;
  registered: number;
}

/**
 * The trips arriving on a day, by list; counts only the people the caller may see (their
 * municipality and the unassigned rows, or everyone for a national role). Uses the index on
 * (arrival_date, transport, trip_number).
 */
export async function arrivalTripsOf(
  manager: EntityManager,
  query: ArrivalTripsQuery,
  municipalityCode: string | null,
): Promise<ArrivalTrip[]> {
  const params: unknown[] = [query.arrivalDate];
  const where = ['arrival_date = $1'];
  if (municipalityCode !== null) {
    params.push(municipalityCode);
    where.push(`(municipality_code = $${params.length} OR municipality_code IS NULL)`);
  }
  if (query.transport) {
    params.push(query.transport);
    where.push(`transport = $${params.length}`);
  }
  if (query.tripNumber) {
    params.push(query.tripNumber);
    where.push(`trip_number = $${params.length}`);
  }
  return manager.query(
    `SELECT list_id AS "listId", transport, trip_number AS "tripNumber",
            arrival_date::text AS "arrivalDate",
            count(*) FILTER (WHERE status = 'pending')::int AS pending,
            count(*) FILTER (WHERE status = 'registered')::int AS registered
       FROM arrival_entries WHERE ${where.join(' AND ')}
      GROUP BY list_id, transport, trip_number, arrival_date
      ORDER BY transport, trip_number, list_id`,
    params,
  );
}
