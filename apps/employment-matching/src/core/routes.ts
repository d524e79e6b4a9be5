import { applyDecorators, HttpCode } from '@nestjs/common';
import { type Role, Roles } from '@reintegra/platform-auth';
import { staffRoutes } from '@reintegra/platform-http';

/** Routes of the office: its employment caseworkers (and admins) change, supervisors read. */
export const {
  OfficeRead,
  StaffOnly: CaseworkerOnly,
  StaffWrite: CaseworkerWrite,
} = staffRoutes('employment-caseworker');

/** A read open to the office and to employer partners (who see only their own). */
export const PartnerRead = (): MethodDecorator =>
  Roles('partner', 'employment-caseworker', 'supervisor', 'national-supervisor', 'admin');

/** A change an employer partner records (with the roles given, and admins). */
export function EmployerWrite(status: 200 | 201, ...others: Role[]): MethodDecorator {
  return applyDecorators(HttpCode(status), Roles('partner', ...others, 'admin'));
}
