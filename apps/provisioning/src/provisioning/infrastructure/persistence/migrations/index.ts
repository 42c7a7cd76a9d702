import { CreateMessagingTables1764460800000 } from '@valley/messaging';
import { CreateProvisioning1764633600000 } from './1764633600000-create-provisioning';
import { UsageMetering1764720000000 } from './1764720000000-usage-metering';

/** In order; the messaging tables first. */
export const provisioningMigrations = [CreateMessagingTables1764460800000, CreateProvisioning1764633600000, UsageMetering1764720000000];
