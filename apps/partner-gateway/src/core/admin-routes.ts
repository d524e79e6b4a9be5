import { applyDecorators, UseFilters } from '@nestjs/common';
import { Roles } from '@reintegra/platform-auth';
import { AuditedProblemsFilter } from './audited-problems.filter';

/** A controller of admin routes: role `admin` only (national scope), every refusal audited. */
export const AdminRoutes = () => applyDecorators(Roles('admin'), UseFilters(AuditedProblemsFilter));
