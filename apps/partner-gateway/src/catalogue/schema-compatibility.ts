/**
 * Compatibility guard of the published schemas. Within a version only additive changes are
 * allowed: a new optional field, a new enum value, a looser bound. Anything that could make a
 * payload valid under the published schema invalid under the new one, or take away something a
 * consumer reads, is breaking: a removed field, a changed type or constant, a new required field,
 * a field no longer required, a narrowed enum, a tighter bound, a changed pattern or format.
 */
type Schema = Record<string, unknown>;

const asSchema = (value: unknown): Schema =>
  typeof value === 'object' && value !== null ? (value as Schema) : {};
const typesOf = (schema: Schema) =>
  [schema['type']]
    .flat()
    .filter((type): type is string => typeof type === 'string')
    .sort();
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const where = (path: string) => path || '(root)';

const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems'] as const;
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems'] as const;

export function breakingChanges(published: Schema, current: Schema, path = ''): string[] {
  const problems: string[] = [];
  const oldTypes = typesOf(published);
  const newTypes = typesOf(current);
  if (oldTypes.join() !== newTypes.join()) {
    problems.push(
      `${where(path)}: type changed from ${oldTypes.join('|') || 'any'} to ${newTypes.join('|') || 'any'}`,
    );
  }
  if (
    'const' in published &&
    JSON.stringify(published['const']) !== JSON.stringify(current['const'])
  ) {
    problems.push(`${where(path)}: constant changed`);
  }
  // An enum that became free text is a widening; one that lost values is narrowed.
  if (Array.isArray(published['enum']) && Array.isArray(current['enum'])) {
    const now = current['enum'].map((value) => JSON.stringify(value));
    const removed = published['enum'].filter((value) => !now.includes(JSON.stringify(value)));
    if (removed.length > 0) {
      problems.push(`${where(path)}: enum narrowed (removed ${removed.map(String).join(', ')})`);
    }
  }
  for (const key of ['pattern', 'format'] as const) {
    if (key in current && current[key] !== published[key]) {
      problems.push(`${where(path)}: ${key} changed`);
    }
  }
  for (const key of LOWER_BOUNDS) {
    const before = published[key];
    const after = current[key];
    if (typeof after === 'number' && (typeof before !== 'number' || after > before)) {
      problems.push(`${where(path)}: ${key} tightened`);
    }
  }
  for (const key of UPPER_BOUNDS) {
    const before = published[key];
    const after = current[key];
    if (typeof after === 'number' && (typeof before !== 'number' || after < before)) {
      problems.push(`${where(path)}: ${key} tightened`);
    }
  }
  if (current['additionalProperties'] === false && published['additionalProperties'] !== false) {
    problems.push(`${where(path)}: extra fields forbidden`);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (JSON.stringify(published[key]) !== JSON.stringify(current[key])) {
      problems.push(`${where(path)}: ${key} changed`);
    }
  }

  const oldProperties = asSchema(published['properties']);
  const newProperties = asSchema(current['properties']);
  const oldRequired = list(published['required']);
  const newRequired = list(current['required']);
  for (const [name, schema] of Object.entries(oldProperties)) {
    const field = path ? `${path}.${name}` : name;
    if (!(name in newProperties)) {
      problems.push(`${field}: removed`);
      continue;
    }
    if (oldRequired.includes(name) && !newRequired.includes(name)) {
      problems.push(`${field}: no longer required`);
    }
    problems.push(...breakingChanges(asSchema(schema), asSchema(newProperties[name]), field));
  }
  for (const name of newRequired) {
    if (!oldRequired.includes(name) && (name as string) in newProperties) {
      problems.push(`${path ? `${path}.` : ''}${String(name)}: new required field`);
    }
  }
  if ('items' in published || 'items' in current) {
    problems.push(
      ...breakingChanges(asSchema(published['items']), asSchema(current['items']), `${path}[]`),
    );
  }
  return problems;
}
