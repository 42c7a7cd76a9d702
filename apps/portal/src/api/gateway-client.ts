import { GatewayError, toGatewayError, type WireError } from './gateway-error';

/** The one way the portal talks to the platform: GraphQL over HTTP to the gateway, with the user's token. */
export interface GatewayClient {
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** A file from /downloads (the CSV export), fetched with the token and handed to the browser. */
  download(path: string, fileName: string): Promise<void>;
}

export function createGatewayClient(token: string, onSignedOut: () => void): GatewayClient {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const fail = (error: GatewayError): never => {
    if (error.code === 'UNAUTHENTICATED') onSignedOut();
    throw error;
  };
  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      let body: { data?: T | null; errors?: WireError[] };
      try {
        body = (await res.json()) as typeof body;
      } catch {
        return fail(toGatewayError(res.status, undefined));
      }
      if (body.errors?.length) return fail(toGatewayError(res.status, body.errors));
      if (!body.data) return fail(toGatewayError(res.status, undefined));
      return body.data;
    },
    async download(path: string, fileName: string): Promise<void> {
      const res = await fetch(path, { headers: { authorization: headers.authorization } });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { errors?: WireError[] };
        fail(toGatewayError(res.status, body.errors));
      }
      const url = URL.createObjectURL(await res.blob());
      const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  };
}
