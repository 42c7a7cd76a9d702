import * as fs from 'node:fs';
import * as path from 'node:path';
import { Controller, Get, Inject, NotFoundException, Param, Redirect, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import type { GatewayConfig } from '../gateway.config';
import { portalClientConfig, portalContentSecurityPolicy } from './portal-client-config';

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>Valley</title>
<body><h1>Valley</h1><p>管理门户尚未构建：运行 <code>npm run build</code>。The portal is not built: run <code>npm run build</code>.</p></body></html>`;

/**
 * The management portal: the Vite build as static files under /portal/, with
 * the single-page app's fallback (any path without a file is the app's own
 * route, answered with index.html), and its sign-in configuration.
 */
@Controller()
export class PortalController {
  private readonly root: string;
  private readonly csp: string;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.root = path.resolve(config.PORTAL_DIR);
    this.csp = portalContentSecurityPolicy(config);
  }

  @Get()
  @Redirect('/portal/', 302)
  home(): void {}

  @Get('portal/config.json')
  clientConfig(@Res({ passthrough: true }) res: Response): unknown {
    res.setHeader('Cache-Control', 'no-store');
    return portalClientConfig(this.config);
  }

  /** Express 5 routes /portal and /portal/ here alike: only the bare one is sent to the slash (relative asset URLs need it). */
  @Get('portal')
  bare(@Req() req: Request, @Res() res: Response): void {
    if (!req.path.endsWith('/')) {
      res.redirect(301, '/portal/');
      return;
    }
    this.page(res);
  }

  @Get('portal/{*file}')
  file(@Param('file') file: string[] | string | undefined, @Res() res: Response): void {
    const relative = (Array.isArray(file) ? file.join('/') : (file ?? '')).replace(/^\/+/, '');
    // The API paths under /portal/ never fall back to the page.
    if (relative.startsWith('api/')) throw new NotFoundException(`no portal API at /portal/${relative}`);
    const isAsset = /\.[a-z0-9]+$/i.test(relative);
    if (isAsset) {
      // send() refuses paths leaving root; hashed names are immutable.
      res.sendFile(relative, { root: this.root, dotfiles: 'deny', maxAge: relative.startsWith('assets/') ? '365d' : 0, immutable: relative.startsWith('assets/') }, (err) => {
        if (err && !res.headersSent) res.status(404).type('text/plain').send('not found');
      });
      return;
    }
    this.page(res);
  }

  private page(res: Response): void {
    res.setHeader('Content-Security-Policy', this.csp);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const index = path.join(this.root, 'index.html');
    if (!fs.existsSync(index)) {
      res.status(503).type('text/html; charset=utf-8').send(NOT_BUILT);
      return;
    }
    // Relative to root: send() checks dot-segments of this part only (PORTAL_DIR may sit under .valley/).
    res.type('text/html; charset=utf-8').sendFile('index.html', { root: this.root });
  }
}
