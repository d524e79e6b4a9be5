import { staffRoutes } from '@reintegra/platform-http';

/** Routes of the office: its education caseworkers (and admins) change, supervisors read. */
export const {
  OfficeRead,
  StaffOnly: CaseworkerOnly,
  StaffWrite: CaseworkerWrite,
} = staffRoutes('education-caseworker');
