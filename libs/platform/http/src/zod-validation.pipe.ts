import { type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { ValidationFailedError } from '@reintegra/platform-errors';
import { textRuleIssues } from './request-hardening';

/** Carries the raw issues so the HTTP edge can render them in the caller's language. */
export class RequestValidationError extends ValidationFailedError {
  constructor(readonly issues: readonly z.core.$ZodIssue[]) {
    super(
      issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message })),
    );
  }
}

/** Validates a request part against a zod schema; usage: `@Body(new ZodValidationPipe(schema))`. */
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.output<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.output<T> {
    const result = this.schema.safeParse(value);
    // The one text rule for every field, reported beside the schema's own issues.
    const textIssues = textRuleIssues(value);
    if (!result.success) throw new RequestValidationError([...textIssues, ...result.error.issues]);
    if (textIssues.length > 0) throw new RequestValidationError(textIssues);
    return result.data;
  }
}
