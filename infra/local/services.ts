import * as path from 'node:path';
import { REPO_ROOT } from './paths';
import { envPort } from './process';

export interface ServiceSpec {
  name: string;
  port: number;
  entry: string;
  /** The service's own database on the shared server; none for the gateway. */
  database?: string;
}

/** The gateway's port; the services take the four after it. VALLEY_PORT_BASE moves all five (a second park on one machine). */
export const PORT_BASE = envPort('VALLEY_PORT_BASE', 4000);

/** The apps `npm start` runs (compiled by `npm run build`), in start order. Each owns its own database. */
export const SERVICES: readonly ServiceSpec[] = [
  { name: 'enterprise', port: PORT_BASE + 1, entry: path.join(REPO_ROOT, 'dist/apps/enterprise/src/main.js'), database: 'valley_enterprise' },
  { name: 'provisioning', port: PORT_BASE + 2, entry: path.join(REPO_ROOT, 'dist/apps/provisioning/src/main.js'), database: 'valley_provisioning' },
  { name: 'revenue', port: PORT_BASE + 3, entry: path.join(REPO_ROOT, 'dist/apps/revenue/src/main.js'), database: 'valley_revenue' },
  { name: 'talent', port: PORT_BASE + 4, entry: path.join(REPO_ROOT, 'dist/apps/talent/src/main.js'), database: 'valley_talent' },
  // Last: it is ready when every subgraph is.
  { name: 'gateway', port: PORT_BASE, entry: path.join(REPO_ROOT, 'dist/apps/gateway/src/main.js') },
];
