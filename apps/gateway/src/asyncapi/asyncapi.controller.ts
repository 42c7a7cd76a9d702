import { Controller, Get, Header } from '@nestjs/common';
import { buildAsyncApiDocument, renderAsyncApiHtml } from '@valley/contracts';

/**
 * The partners' documentation of the event stream, generated from
 * libs/contracts at start-up: AsyncAPI 3.0 as JSON (/asyncapi.json), and the
 * same as a page (/asyncapi). Public: it describes the contract, not the
 * park's data.
 */
@Controller()
export class AsyncApiController {
  private readonly json: string;
  private readonly html: string;

  constructor() {
    // The brokers partners connect to (ASYNCAPI_KAFKA_SERVERS), else the ones the park uses.
    const brokers = process.env['ASYNCAPI_KAFKA_SERVERS'] || process.env['KAFKA_BROKERS'];
    const doc = buildAsyncApiDocument(brokers ? { serverUrl: brokers } : {});
    this.json = JSON.stringify(doc, null, 2);
    this.html = renderAsyncApiHtml(doc);
  }

  @Get('asyncapi')
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return this.html;
  }

  @Get('asyncapi.json')
  @Header('Content-Type', 'application/json; charset=utf-8')
  document(): string {
    return this.json;
  }
}
