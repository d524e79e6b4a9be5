import type {
  MediaTypeObject,
  OperationObject,
  ParameterObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../problem-details.filter';
import { PROBLEM_SCHEMA_REF } from './decorators';

const WRITES = new Set(['post', 'put', 'patch', 'delete']);
/** A field that names another record: `caseId`, `vacancyIds`, or any UUID. */
const RECORD_FIELD = /Ids?$/;

const problem = (description: string): ResponseObject => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_SCHEMA_REF } } },
});

function namesRecord(name: string, schema: SchemaObject | undefined): boolean {
  return RECORD_FIELD.test(name) || schema?.format === 'uuid';
}

/** Whether the request names a record that may not exist: in its path, query or body. */
function namesRecords(parameters: ParameterObject[], body: SchemaObject | undefined): boolean {
  return (
    parameters.some(
      (p) => p.in === 'path' || (p.in === 'query' && namesRecord(p.name, p.schema as SchemaObject)),
    ) ||
    Object.entries(body?.properties ?? {}).some(([name, schema]) =>
      namesRecord(name, schema as SchemaObject),
    )
  );
}

/**
 * The refusals the platform's shared mechanisms give any operation of a kind, documented the same
 * way for every service (an operation's own @ApiProblems wording wins): a named record that does
 * not exist or is not the caller's (404, `NotFoundError`), a write the record's current state
 * does not allow (409, `ConflictError`), a well-formed body a domain rule or the database refuses
 * (422), a body that is not JSON (415), and optimistic concurrency on If-Match (412, 428).
 */
export function addPlatformProblems(operation: OperationObject, method: string): void {
  const responses = operation.responses as Record<string, ResponseObject>;
  const add = (status: number, description: string) => {
    responses[status] ??= problem(description);
  };
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  const content: Record<string, MediaTypeObject> =
    operation.requestBody && 'content' in operation.requestBody
      ? operation.requestBody.content
      : {};
  const body = content['application/json']?.schema as SchemaObject | undefined;
  if (namesRecords(parameters, body)) {
    add(404, 'A record the request names does not exist, or is not visible to you');
  }
  if (WRITES.has(method)) {
    add(409, 'The current state of the record does not allow this (e.g. a duplicate)');
  }
  if (operation.requestBody) {
    add(415, 'The body is not JSON (or another media type listed here)');
    add(422, 'Well-formed, but a rule of the service or a stored value refuses it');
  }
  if (parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match')) {
    add(412, 'If-Match is not the current ETag (read again, then retry)');
    add(428, 'If-Match is missing: send the ETag you read');
  }
}
