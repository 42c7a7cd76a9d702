import { GatewayError, toGatewayError } from '../api/gateway-error';

/** A token from the gateway's local sign-in (development and test only; the gateway has no such route in production). */
export async function localToken(role: 'park-admin' | 'enterprise', enterpriseId?: string): Promise<string> {
  const res = await fetch(`${import.meta.env.BASE_URL}api/local-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role, ...(enterpriseId ? { enterpriseId } : {}) }),
  });
  const body = (await res.json().catch(() => ({}))) as { token?: string; message?: string | string[] };
  if (!res.ok || typeof body.token !== 'string') {
    if (res.status === 400) throw new GatewayError('BAD_USER_INPUT', Array.isArray(body.message) ? body.message.join('; ') : (body.message ?? 'bad request'), {}, 400);
    throw toGatewayError(res.status, undefined);
  }
  return body.token;
}

/** The enterprises one may act for in local mode: listed with an administrator's token (anyone may have one locally). */
export async function localEnterprises(): Promise<Array<{ id: string; name: string; status: string }>> {
  const token = await localToken('park-admin');
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ enterprises(first: 100) { items { id name status } } }' }),
  });
  const body = (await res.json()) as { data?: { enterprises: { items: Array<{ id: string; name: string; status: string }> } }; errors?: [] };
  if (!body.data) throw toGatewayError(res.status, body.errors);
  return body.data.enterprises.items;
}
