/** Aggregates never show a cell counting fewer than 5 people (statistical disclosure control). */
export const MIN_CELL = 5;

export const suppressed = (count: number) => count > 0 && count < MIN_CELL;
