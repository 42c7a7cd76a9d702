import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { GATEWAY_SUBGRAPH_URLS } from '../gateway.tokens';

const CHECK_TIMEOUT_MS = 2000;

interface SubgraphStatus {
  status: 'up' | 'down';
  error?: string;
}

/** A subgraph's readiness endpoint beside its /graphql. */
export function readinessUrl(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/graphql\/?$/, '') + '/health/ready';
  return url.toString();
}

@Controller('health')
export class GatewayHealthController {
  constructor(@Inject(GATEWAY_SUBGRAPH_URLS) private readonly subgraphs: Record<string, string>) {}

  /** The process answers. */
  @Get('live')
  @HttpCode(200)
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  /** Every subgraph ready (each checks its own database and Kafka): 503 otherwise, naming which. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response): Promise<object> {
    const entries = await Promise.all(Object.entries(this.subgraphs).map(async ([name, url]) => [name, await probe(url)] as const));
    const subgraphs = Object.fromEntries(entries);
    const ready = entries.every(([, s]) => s.status === 'up');
    res.status(ready ? 200 : 503);
    return { status: ready ? 'up' : 'down', subgraphs };
  }
}

async function probe(graphqlUrl: string): Promise<SubgraphStatus> {
  try {
    const res = await fetch(readinessUrl(graphqlUrl), { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    return res.ok ? { status: 'up' } : { status: 'down', error: `readiness answered ${res.status}` };
  } catch (err) {
    return { status: 'down', error: err instanceof Error ? err.message : String(err) };
  }
}
