import { BadRequestException, Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import type { Identity } from '@valley/platform';
import { issueLocalToken, localIdentity, LocalIdentityError } from '../auth/local-token';
import type { GatewayConfig } from '../gateway.config';
import { GATEWAY_CONFIG } from '../gateway.tokens';

const TTL_SECONDS = 8 * 3600;

/** What the local sign-in asks for: a role and, for an enterprise user, the enterprise. */
export interface LocalTokenRequest {
  role?: unknown;
  enterpriseId?: unknown;
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
    let identity: Identity;
    try {
      identity = localIdentity(body ?? {});
    } catch (err) {
      if (err instanceof LocalIdentityError) throw new BadRequestException(err.message);
      throw err;
    }
    const token = await issueLocalToken(identity, { secret: this.config.GATEWAY_JWT_SECRET!, issuer: this.config.GATEWAY_JWT_ISSUER, audience: this.config.GATEWAY_JWT_AUDIENCE, ttlSeconds: TTL_SECONDS });
    return { token, expiresIn: TTL_SECONDS };
  }
}
