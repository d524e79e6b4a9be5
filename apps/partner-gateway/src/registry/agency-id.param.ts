import { Param } from '@nestjs/common';
import { agencyIdSchema } from '@reintegra/event-contracts';
import { ZodValidationPipe } from '@reintegra/platform-http';

const agencyIdPipe = new ZodValidationPipe(agencyIdSchema);

/** The `agencyId` path parameter, checked like an agency id is when registered (400 otherwise). */
export const AgencyIdParam = (): ParameterDecorator => Param('agencyId', agencyIdPipe);
