import { messagingMigrations } from '@valley/messaging';
import { CreateEnterprises1764460900000 } from './1764460900000-create-enterprises';
import { EnterpriseLifecycle1764547200000 } from './1764547200000-enterprise-lifecycle';

/** In order; the messaging tables first. */
export const enterpriseMigrations = [...messagingMigrations, CreateEnterprises1764460900000, EnterpriseLifecycle1764547200000];
