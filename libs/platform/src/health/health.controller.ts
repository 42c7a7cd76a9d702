import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ReadinessService } from './readiness.service';

@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** The process answers: nothing else is checked, so a slow dependency never restarts it. */
  @Get('live')
  @HttpCode(200)
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  /** Database and Kafka reachable: 503 otherwise, so a load balancer holds traffic back. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response): Promise<object> {
    const result = await this.readiness.check();
    res.status(result.ready ? 200 : 503);
    return { status: result.ready ? 'up' : 'down', database: result.database, kafka: result.kafka };
  }
}
