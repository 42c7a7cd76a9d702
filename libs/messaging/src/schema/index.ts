import { CreateMessagingTables1764460800000 } from './messaging-tables.migration';
import { RelayWakeFlag1796083200000 } from './relay-wake-flag.migration';

export * from './messaging-tables.migration';
export * from './relay-wake-flag.migration';

/** The messaging tables' migrations, in order: every service lists these before its own. */
export const messagingMigrations = [CreateMessagingTables1764460800000, RelayWakeFlag1796083200000];
