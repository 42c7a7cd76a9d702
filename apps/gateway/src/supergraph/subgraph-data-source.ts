import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CORRELATION_ID_HEADER, IDENTITY_HEADER, signIdentity } from '@valley/platform';
import type { GatewayContext } from '../gateway-context';

/**
 * Calls one subgraph on behalf of the authenticated caller: the identity goes
 * along signed (short-lived HMAC under VALLEY_IDENTITY_SECRET), so a subgraph
 * trusts nothing a client could send it directly; the correlation id goes too.
 */
export class SignedIdentityDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly identitySecret: string,
  ) {
    // Node's fetch (undici) rather than the default make-fetch-happen agent, which keeps idle
    // sockets without a timeout: a subgraph closes them after its keep-alive timeout and the next
    // request on one fails (ECONNRESET). undici honours the server's Keep-Alive hint.
    super({ url, fetcher: fetch as unknown as NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'] });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    // The gateway's own calls (none today) would carry no identity and be refused by the subgraph.
    if (context.identity) {
      context.signedIdentity ??= signIdentity(context.identity, this.identitySecret);
      headers.set(IDENTITY_HEADER, context.signedIdentity);
    }
    if (context.correlationId) headers.set(CORRELATION_ID_HEADER, context.correlationId);
  }
}
