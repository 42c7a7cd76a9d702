// The dashboard entity as a subgraph that only extends it declares it.
export { ParkDashboardRefType } from '@valley/platform';
