import { applyDecorators, Controller, HttpCode } from '@nestjs/common';
import { type Role, Roles } from '@reintegra/platform-auth';
import { ApiJsonResponse, ApiProblems } from '@reintegra/platform-http';
import { AuditedRead } from './audited-read.interceptor';
import type { IntakeReadAction } from './intake-audit.service';

/** Who works a case: its municipality's officers and supervisors, and national supervisors. */
const OFFICE_ROLES: Role[] = ['intake-officer', 'supervisor', 'national-supervisor'];

/** A controller of a case's records, open to the office; its changing routes narrow the roles. */
export function CaseController(path: string): ClassDecorator {
  return applyDecorators(Controller(path), Roles(...OFFICE_ROLES));
}

/**
 * A change to a case that only its intake officers make: the success status with its answer,
 * and the operation's own refusals (the platform documents the common ones).
 */
export function OfficerWrite(
  status: 200 | 201,
  answer: Parameters<typeof ApiJsonResponse>[1],
  problems: Record<number, string>,
  options: Parameters<typeof ApiJsonResponse>[2] = {},
): MethodDecorator {
  return applyDecorators(
    HttpCode(status),
    Roles('intake-officer'),
    ApiJsonResponse(status, answer, options),
    ApiProblems(problems),
  );
}

/** A supervisor's decision on a case (municipal or national): answered with 200. */
export function SupervisorDecision(): MethodDecorator {
  return applyDecorators(HttpCode(200), Roles('supervisor', 'national-supervisor'));
}

/** A list of a case's records as the office reads it: audited, with its answer and refusals. */
export function AuditedCaseList(
  action: IntakeReadAction,
  answer: Parameters<typeof ApiJsonResponse>[1],
  problems: Record<number, string>,
  options: Parameters<typeof ApiJsonResponse>[2] = {},
): MethodDecorator {
  return applyDecorators(
    AuditedRead({ action }),
    ApiJsonResponse(200, answer, options),
    ApiProblems(problems),
  );
}
