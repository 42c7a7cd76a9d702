import { messagingMigrations } from '@valley/messaging';
import { CreateEnterprises1764460900000 } from './1764460900000-create-enterprises';
import { EnterpriseLifecycle1764547200000 } from './1764547200000-enterprise-lifecycle';
import { CreatePartners1796256000000 } from '../../../../partners/infrastructure/persistence/migrations/1796256000000-create-partners';

/** In order; the messaging tables first. The partner registry shares the service's database. */
export const enterpriseMigrations = [...messagingMigrations, CreateEnterprises1764460900000, EnterpriseLifecycle1764547200000, CreatePartners1796256000000];
