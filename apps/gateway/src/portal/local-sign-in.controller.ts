import { BadRequestException, Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import type { Identity } from '@valley/platform';
import { issueLocalToken } from '../auth/local-token';
import type { GatewayConfig } from '../gateway.config';
import { GATEWAY_CONFIG } from '../gateway.tokens';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TTL_SECONDS = 8 * 3600;

/** What the local sign-in asks for: a role and, for an enterprise user, the enterprise. */
export interface LocalTokenRequest {
  role?: unknown;
  enterpriseId?: unknown;
}

/** The identity a local sign-in request names, or why it cannot be one. */
export function localIdentity(body: LocalTokenRequest): Identity {
  if (body.role === 'park-admin') {
    if (body.enterpriseId !== undefined && body.enterpriseId !== null && body.enterpriseId !== '') throw new BadRequestException('a park-admin acts for no enterprise');
    return { subject: 'local-park-admin', role: 'park-admin' };
  }
  if (body.role === 'enterprise') {
    if (body.enterpriseId === undefined || body.enterpriseId === null || body.enterpriseId === '') return { subject: 'local-applicant', role: 'enterprise' };
    if (typeof body.enterpriseId !== 'string' || !UUID.test(body.enterpriseId)) throw new BadRequestException('enterpriseId is not a UUID');
    const enterpriseId = body.enterpriseId.toLowerCase();
    return { subject: `local-user-${enterpriseId.slice(0, 8)}`, role: 'enterprise', enterpriseId };
  }
  throw new BadRequestException('role is park-admin or enterprise');
}

/**
 * The portal's local sign-in: a token for a chosen role and enterprise, the
 * same as `npm run token` prints. Mounted only outside production and with
 * GATEWAY_JWT_SECRET set (app.module), so a production gateway has no route
 * that mints tokens.
 */
@Controller('portal/api')
export class LocalSignInController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  @Post('local-token')
  @HttpCode(200)
  async token(@Body() body: LocalTokenRequest): Promise<{ token: string; expiresIn: number }> {
    const identity = localIdentity(body ?? {});
    const token = await issueLocalToken(identity, { secret: this.config.GATEWAY_JWT_SECRET!, issuer: this.config.GATEWAY_JWT_ISSUER, audience: this.config.GATEWAY_JWT_AUDIENCE, ttlSeconds: TTL_SECONDS });
    return { token, expiresIn: TTL_SECONDS };
  }
}
