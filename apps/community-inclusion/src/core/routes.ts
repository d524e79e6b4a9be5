import { staffRoutes } from '@reintegra/platform-http';

/** Routes of the office: its community facilitators (and admins) change, supervisors read. */
export const {
  OfficeRead,
  StaffOnly: FacilitatorOnly,
  StaffWrite: FacilitatorWrite,
} = staffRoutes('community-facilitator');
