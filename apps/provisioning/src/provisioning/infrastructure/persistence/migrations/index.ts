import { CreateMessagingTables1764460800000 } from '@valley/messaging';
import { CreateProvisioning1764633600000 } from './1764633600000-create-provisioning';

/** In order; the messaging tables first. */
export const provisioningMigrations = [CreateMessagingTables1764460800000, CreateProvisioning1764633600000];
