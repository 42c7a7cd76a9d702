import * as path from 'node:path';
import { REPO_ROOT } from './paths';

export interface ServiceSpec {
  name: string;
  port: number;
  entry: string;
  /** The service's own database on the shared server; none for the gateway. */
  database?: string;
}

/** The apps `npm start` runs (compiled by `npm run build`), in start order. Each owns its own database. */
export const SERVICES: readonly ServiceSpec[] = [
  { name: 'enterprise', port: 4001, entry: path.join(REPO_ROOT, 'dist/apps/enterprise/src/main.js'), database: 'valley_enterprise' },
  { name: 'provisioning', port: 4002, entry: path.join(REPO_ROOT, 'dist/apps/provisioning/src/main.js'), database: 'valley_provisioning' },
  { name: 'revenue', port: 4003, entry: path.join(REPO_ROOT, 'dist/apps/revenue/src/main.js'), database: 'valley_revenue' },
  { name: 'talent', port: 4004, entry: path.join(REPO_ROOT, 'dist/apps/talent/src/main.js'), database: 'valley_talent' },
  // Last: it is ready when every subgraph is.
  { name: 'gateway', port: 4000, entry: path.join(REPO_ROOT, 'dist/apps/gateway/src/main.js') },
];
