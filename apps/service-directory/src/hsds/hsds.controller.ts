import { Controller, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Roles } from '@reintegra/platform-auth';
import { Caller, ValidBody } from '@reintegra/platform-http';
import { DIRECTORY_MANAGERS, DIRECTORY_READERS } from '../core/scope';
import { servicesCsv } from './hsds-csv';
import { HsdsService } from './hsds.service';

const importSchema = z
  .object({ contents: z.array(z.record(z.string(), z.unknown())).min(1).max(5000) })
  .describe('An HSDS API page (or any object with `contents`) of compiled HSDS 3 services');

/** HSDS 3 (Open Referral) export and import of the directory. */
@Controller('hsds')
export class HsdsController {
  constructor(private readonly hsds: HsdsService) {}

  @Get('services')
  @Roles(...DIRECTORY_READERS)
  services(@Query('municipalityCode') municipalityCode?: string) {
    return this.hsds.exportServices(municipalityCode ? { municipalityCode } : {});
  }

  /** The same services as HSDS tabular data (services.csv). */
  @Get('services.csv')
  @Roles(...DIRECTORY_READERS)
  @Header('content-type', 'text/csv; charset=utf-8')
  async servicesCsv(@Query('municipalityCode') municipalityCode?: string) {
    const page = await this.hsds.exportServices(municipalityCode ? { municipalityCode } : {});
    return servicesCsv(page.contents);
  }

  @Get('organizations')
  @Roles(...DIRECTORY_READERS)
  organizations() {
    return this.hsds.exportOrganizations();
  }

  @Post('import')
  @HttpCode(200)
  @Roles(...DIRECTORY_MANAGERS)
  import(
    @ValidBody(importSchema.passthrough()) body: { contents: Record<string, unknown>[] },
    @Caller() caller: Caller,
  ) {
    return this.hsds.importServices(body.contents, caller.actor, caller.context);
  }
}
