import type { NextFunction, Request, Response } from 'express';
import { Histogram, register } from 'prom-client';

let histogram: Histogram<'method' | 'route' | 'status'> | undefined;

function httpHistogram(): Histogram<'method' | 'route' | 'status'> {
  histogram ??=
    (register.getSingleMetric('valley_http_request_duration_seconds') as Histogram<'method' | 'route' | 'status'> | undefined) ??
    new Histogram({ name: 'valley_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['method', 'route', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
  return histogram;
}

/** Times every HTTP request; the route label is the matched path, never raw ids. */
export function httpMetricsMiddleware(req: Request, res: Response, next: NextFunction): void {
  const end = httpHistogram().startTimer({ method: req.method });
  res.on('finish', () => {
    const route = (req.route as { path?: string } | undefined)?.path ?? (req.originalUrl.split('?')[0]!.startsWith('/graphql') ? '/graphql' : 'other');
    end({ route, status: String(res.statusCode) });
  });
  next();
}
