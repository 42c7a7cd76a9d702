import { messagingMigrations } from '@valley/messaging';
import { CreateRevenue1764806400000 } from './1764806400000-create-revenue';
import { ReportAnomalies1764892800000 } from './1764892800000-report-anomalies';
import { MultiplierRollup1764979200000 } from './1764979200000-multiplier-rollup';
import { MultiplierPairLock1796169600000 } from './1796169600000-multiplier-pair-lock';
import { MultiplierVersion1796342400000 } from './1796342400000-multiplier-version';

/** In order; the messaging tables first. */
export const revenueMigrations = [...messagingMigrations, CreateRevenue1764806400000, ReportAnomalies1764892800000, MultiplierRollup1764979200000, MultiplierPairLock1796169600000, MultiplierVersion1796342400000];
