import type { NextFunction, Request, Response } from 'express';
import { currentCorrelationId } from '@valley/messaging';
import { CORRELATION_ID_HEADER, correlationMiddleware } from './correlation.middleware';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Runs the middleware on a request with `header`; returns the echoed header and the id current inside `next`. */
function pass(header: string | string[] | undefined): { echoed: string | undefined; current: string | undefined } {
  const headers: Record<string, string> = {};
  let current: string | undefined;
  const req = { headers: header === undefined ? {} : { [CORRELATION_ID_HEADER]: header } } as unknown as Request;
  const res = { setHeader: (name: string, value: string) => void (headers[name] = value) } as unknown as Response;
  const next: NextFunction = () => void (current = currentCorrelationId());
  correlationMiddleware(req, res, next);
  return { echoed: headers[CORRELATION_ID_HEADER], current };
}

describe(correlationMiddleware.name, () => {
  it('keeps a well-formed id, echoes it and makes it current for the rest of the request', () => {
    expect(pass('gw-7f3a:1')).toEqual({ echoed: 'gw-7f3a:1', current: 'gw-7f3a:1' });
    expect(pass(['first', 'second'])).toEqual({ echoed: 'first', current: 'first' });
  });

  it('replaces a missing or malformed id by a fresh UUID, echoed and current', () => {
    for (const header of [undefined, '', 'has space', 'x'.repeat(129), '<script>']) {
      const { echoed, current } = pass(header);
      expect(echoed).toMatch(UUID);
      expect(current).toBe(echoed);
    }
    expect(currentCorrelationId()).toBeUndefined();
  });
});
