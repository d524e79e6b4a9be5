import { applyDecorators, HttpCode } from '@nestjs/common';
import { type Role, Roles } from '@reintegra/platform-auth';

/** The route decorators of a service whose own staff hold one role (with admins). */
export interface StaffRoutes {
  /** A read open to the staff, municipal and national supervisors, and admins. */
  OfficeRead(): MethodDecorator;
  /** A route (or a controller's every route) only the staff (or an admin) may use. */
  StaffOnly(): MethodDecorator & ClassDecorator;
  /** A change the staff (or an admin) make, answered with the given status. */
  StaffWrite(status: 200 | 201): MethodDecorator;
}

export function staffRoutes(staff: Role): StaffRoutes {
  return {
    OfficeRead: () => Roles(staff, 'supervisor', 'national-supervisor', 'admin'),
    StaffOnly: () => Roles(staff, 'admin'),
    StaffWrite: (status) => applyDecorators(HttpCode(status), Roles(staff, 'admin')),
  };
}
