import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { startService } from '@valley/platform';
import { GatewayAppModule } from './app.module';
import { TokenVerifier } from './auth/token-verifier';
import type { GatewayConfig } from './gateway.config';
import { readSupergraph } from './supergraph/supergraph-file';

export interface RunningGateway {
  app: NestExpressApplication;
  url: string;
  stop(): Promise<void>;
}

/** Starts the gateway on config.PORT (0: any free port) with the composed supergraph. */
export async function startGateway(config: GatewayConfig, logger: Logger, supergraphSdl: string = readSupergraph()): Promise<RunningGateway> {
  const verifier = new TokenVerifier({ secret: config.GATEWAY_JWT_SECRET, jwksUrl: config.GATEWAY_JWKS_URL, issuer: config.GATEWAY_JWT_ISSUER, audience: config.GATEWAY_JWT_AUDIENCE });
  const app = await startService({ module: GatewayAppModule.forRoot({ config, logger, supergraphSdl, verifier }), logger, port: config.PORT, host: config.HOST, bodyLimit: config.GATEWAY_BODY_LIMIT });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  return { app, url: `http://${config.HOST}:${port}/graphql`, stop: () => app.close() };
}
