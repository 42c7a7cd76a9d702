import { messagingMigrations } from '@valley/messaging';
import { CreateProvisioning1764633600000 } from './1764633600000-create-provisioning';
import { UsageMetering1764720000000 } from './1764720000000-usage-metering';
import { DashboardIndexes1765065600000 } from './1765065600000-dashboard-indexes';

/** In order; the messaging tables first. */
export const provisioningMigrations = [...messagingMigrations, CreateProvisioning1764633600000, UsageMetering1764720000000, DashboardIndexes1765065600000];
