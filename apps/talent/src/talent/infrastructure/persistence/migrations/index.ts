import { messagingMigrations } from '@valley/messaging';
import { CreateTalent1764979200000 } from './1764979200000-create-talent';

/** In order; the messaging tables first. */
export const talentMigrations = [...messagingMigrations, CreateTalent1764979200000];
