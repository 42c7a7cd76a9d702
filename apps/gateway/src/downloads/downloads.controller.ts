import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CORRELATION_ID_HEADER } from '@valley/platform';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** HTTP status for a GraphQL error code the download could not get past. */
const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, RATE_LIMITED: 429 };

/**
 * Files for the portal's download links. Each is one GraphQL operation sent
 * to this gateway itself, with the caller's own Authorization, so it passes
 * the same authentication, rate limit and subgraph authorisation as the
 * query; only the answer is shaped as a file.
 */
@Controller('downloads')
export class DownloadsController {
  /** A month's accepted revenue reports for the statistics office (revenue's CSV export). */
  @Get('revenue/:month')
  async revenueCsv(@Param('month') month: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const name = month.replace(/\.csv$/, '');
    if (!MONTH.test(name)) {
      res.status(400).json({ errors: [{ message: `month: ${month} is not a month as YYYY-MM (e.g. /downloads/revenue/2026-10.csv)`, extensions: { code: 'BAD_USER_INPUT', field: 'month' } }] });
      return;
    }
    const self = `http://127.0.0.1:${req.socket.localPort}/graphql`;
    const answer = await fetch(self, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        [CORRELATION_ID_HEADER]: String(res.getHeader(CORRELATION_ID_HEADER) ?? ''),
      },
      body: JSON.stringify({ query: 'query Export($month: String!) { revenueExportCsv(month: $month) }', variables: { month: name } }),
    });
    const body = (await answer.json()) as { data?: { revenueExportCsv?: string } | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    const csv = body.data?.revenueExportCsv;
    if (typeof csv !== 'string') {
      const code = body.errors?.[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
      res.status(answer.status !== 200 ? answer.status : (STATUS[code] ?? 500)).json({ errors: body.errors ?? [{ message: 'the export failed', extensions: { code } }] });
      return;
    }
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="valley-revenue-${name}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).send(csv);
  }
}
