import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { Logger } from 'pino';
import { identityContext } from '../identity/identity.guard';
import { graphqlErrorFormatter } from './graphql-error.formatter';

export interface SubgraphOptions {
  identitySecret: string;
  production: boolean;
  logger: Logger;
  /**
   * Entities this subgraph only extends and no field of its own returns (the
   * ParkDashboard the others add to): code first drops unreferenced types.
   */
  orphanedTypes?: Array<abstract new (...args: never[]) => unknown>;
}

/**
 * A service's Federation 2 subgraph, code first: the forwarded identity
 * verified for every operation, one error formatter, no stack traces,
 * introspection off in production.
 */
export function subgraphGraphqlModule(options: SubgraphOptions): DynamicModule {
  return GraphQLModule.forRoot<ApolloFederationDriverConfig>({
    driver: ApolloFederationDriver,
    autoSchemaFile: { federation: 2 },
    sortSchema: true,
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    playground: false,
    context: identityContext(options.identitySecret),
    formatError: graphqlErrorFormatter(options.logger),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    ...(options.orphanedTypes ? { buildSchemaOptions: { orphanedTypes: options.orphanedTypes } } : {}),
  });
}
