import { Controller, Get, Header } from '@nestjs/common';
import { register } from 'prom-client';

/** Prometheus text format: HTTP, consumer lag, outbox backlog, DLQ counts, process. */
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
