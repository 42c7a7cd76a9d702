import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGatewayDriver, type ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule, Inject } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { MetricsController, kafkaSaslOf } from '@valley/platform';
import { authenticateMiddleware } from './auth/authenticate.middleware';
import type { TokenVerifier } from './auth/token-verifier';
import type { AuthenticatedRequest, GatewayContext } from './gateway-context';
import { gatewayErrorFormatter } from './gateway-errors';
import { subgraphUrls, type GatewayConfig } from './gateway.config';
import { GATEWAY_CONFIG, GATEWAY_SUBGRAPH_URLS } from './gateway.tokens';
import { AsyncApiController } from './asyncapi/asyncapi.controller';
import { DownloadsController } from './downloads/downloads.controller';
import { GatewayHealthController } from './health/gateway-health.controller';
import { LiveFeedHost } from './live-feed/live-feed.host';
import { IdeController } from './ide/ide.controller';
import { LocalSignInController } from './portal/local-sign-in.controller';
import { PortalController } from './portal/portal.controller';
import { queryLimitsRule } from './limits/query-limits';
import { RateLimiter } from './limits/rate-limiter';
import { SignedIdentityDataSource } from './supergraph/subgraph-data-source';

const GATEWAY_OPTIONS = Symbol('GATEWAY_OPTIONS');

export interface GatewayModuleOptions {
  config: GatewayConfig;
  logger: Logger;
  supergraphSdl: string;
  verifier: TokenVerifier;
}

/**
 * The federation gateway: one graph over the services' subgraphs, composed in
 * the build (supergraph.graphql). Authenticates, limits, forwards a signed
 * identity; holds no business logic.
 */
@Module({})
export class GatewayAppModule implements NestModule {
  constructor(@Inject(GATEWAY_OPTIONS) private readonly options: GatewayModuleOptions) {}

  static forRoot(options: GatewayModuleOptions): DynamicModule {
    const { config, logger, supergraphSdl } = options;
    const urls = subgraphUrls(config);
    return {
      module: GatewayAppModule,
      imports: [
        GraphQLModule.forRoot<ApolloGatewayDriverConfig>({
          driver: ApolloGatewayDriver,
          server: {
            path: '/graphql',
            introspection: config.introspection,
            includeStacktraceInErrorResponses: false,
            allowBatchedHttpRequests: false,
            csrfPrevention: true,
            validationRules: [queryLimitsRule({ maxDepth: config.GATEWAY_MAX_DEPTH, maxCost: config.GATEWAY_MAX_COST, maxAliases: config.GATEWAY_MAX_ALIASES })],
            parseOptions: { maxTokens: 5000 },
            context: ({ req }: { req: Request & AuthenticatedRequest }): GatewayContext => ({ identity: req.valleyIdentity, correlationId: req.correlationId }),
            formatError: gatewayErrorFormatter(logger),
            plugins: [ApolloServerPluginLandingPageDisabled()],
          },
          gateway: {
            supergraphSdl,
            buildService: ({ name }) => {
              const url = urls[name as keyof typeof urls];
              if (!url) throw new Error(`the supergraph names a subgraph "${name}" this gateway has no address for`);
              return new SignedIdentityDataSource(url, config.VALLEY_IDENTITY_SECRET);
            },
          },
        }),
      ],
      // The local sign-in before the portal's catch-all; never mounted in production.
      controllers: [GatewayHealthController, MetricsController, DownloadsController, AsyncApiController, ...(config.introspection ? [IdeController] : []), ...(config.localSignIn ? [LocalSignInController] : []), PortalController],
      providers: [
        { provide: GATEWAY_OPTIONS, useValue: options },
        { provide: GATEWAY_SUBGRAPH_URLS, useValue: urls },
        { provide: GATEWAY_CONFIG, useValue: config },
        {
          provide: LiveFeedHost,
          inject: [HttpAdapterHost],
          useFactory: (adapterHost: HttpAdapterHost) => new LiveFeedHost(adapterHost, { brokers: config.KAFKA_BROKERS.split(','), sasl: kafkaSaslOf(config), logger, verifier: options.verifier, production: config.production }),
        },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    const { config, logger, verifier } = this.options;
    const limiter = new RateLimiter(config.GATEWAY_RATE_LIMIT_PER_SECOND, config.GATEWAY_RATE_LIMIT_BURST);
    consumer.apply(authenticateMiddleware(verifier, limiter, logger)).forRoutes('graphql');
  }
}
