import * as fs from 'node:fs';
import * as path from 'node:path';
import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';

/** The IDE's files, from the installed packages: the page loads nothing from the internet. */
const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript; charset=utf-8' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript; charset=utf-8' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript; charset=utf-8' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css; charset=utf-8' },
};

/** A package's folder: up from its main file to its package.json (the packages' exports do not list these files). */
function packageRoot(pkg: string): string {
  let dir = path.dirname(require.resolve(pkg));
  while (!fs.existsSync(path.join(dir, 'package.json')) || path.basename(dir) !== pkg) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${pkg} package folder`);
    dir = parent;
  }
  return dir;
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Valley GraphQL</title>
<link rel="stylesheet" href="/ide/assets/graphiql.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading…</div>
<script src="/ide/assets/react.js"></script>
<script src="/ide/assets/react-dom.js"></script>
<script src="/ide/assets/graphiql.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  const headers = JSON.stringify({ authorization: 'Bearer <paste the output of: npm run token -- --role park-admin>' }, null, 2);
  const defaultQuery = '# Valley park: one graph over every service.\\n# Put a token in the Headers tab below (npm run token -- --role park-admin), then run:\\n\\nquery Dashboard {\\n  parkDashboard {\\n    id\\n  }\\n}\\n';
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher, defaultHeaders: headers, defaultQuery, headerEditorEnabled: true, shouldPersistHeaders: true, defaultEditorToolsVisibility: 'headers' }),
  );
</script>
</body>
</html>
`;

/**
 * GraphiQL, self-hosted: only mounted when introspection is on (local use),
 * so production serves neither the page nor the schema.
 */
@Controller('ide')
export class IdeController {
  private readonly cache = new Map<string, string>();

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return PAGE;
  }

  @Get('assets/:name')
  @Header('Cache-Control', 'public, max-age=3600')
  asset(@Param('name') name: string, @Res({ passthrough: true }) res: Response): string {
    const asset = ASSETS[name];
    if (!asset) throw new NotFoundException(`no IDE asset named ${name}`);
    res.type(asset.type);
    let body = this.cache.get(name);
    if (body === undefined) {
      body = fs.readFileSync(path.join(packageRoot(asset.pkg), asset.file), 'utf8');
      this.cache.set(name, body);
    }
    return body;
  }
}

