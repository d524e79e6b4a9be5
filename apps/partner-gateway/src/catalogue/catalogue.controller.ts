import { Controller, Get, Header, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Public } from '@reintegra/platform-auth';
import { buildAsyncApiDocument } from './asyncapi';
import { renderCataloguePage } from './catalogue-page';

/** The public event catalogue, open to anyone: a page to start from and the AsyncAPI document. */
@Controller('catalogue')
@Public()
export class CatalogueController {
  private readonly document = buildAsyncApiDocument();

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-language', 'es')
  page(@Req() request: Request): string {
    return renderCataloguePage(`${request.protocol}://${request.get('host') ?? 'localhost'}`);
  }

  @Get('asyncapi.json')
  asyncApi() {
    return this.document;
  }
}
