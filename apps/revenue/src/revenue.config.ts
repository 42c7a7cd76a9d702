import { Type, type Static } from '@sinclair/typebox';
import { CommonConfigProperties, loadConfig } from '@valley/platform';

export const RevenueConfigSchema = Type.Object({
  ...CommonConfigProperties,
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 4003 }),
  /** Kafka consumer groups are `<prefix>.<stream>`; DO NOT CHANGE in production (offsets live under it). */
  REVENUE_CONSUMER_GROUP_PREFIX: Type.String({ pattern: '^[a-z0-9._-]+$', default: 'valley-revenue' }),
  /** The park's revenue breakdown lines. */
  REVENUE_REPORT_LINES: Type.String({ pattern: '^[a-z0-9-]+(,[a-z0-9-]+)*$', default: 'live-commerce-commission,advertising,services,product-sales,other' }),
  /** Reports are due on this day of the following month. */
  REVENUE_DUE_DAY: Type.Integer({ minimum: 1, maximum: 31, default: 15 }),
  /** A report is flagged when revenue moves by this much (percent) while data usage moves less than the flat threshold, or the reverse. */
  REVENUE_ANOMALY_CHANGE_PERCENT: Type.Number({ exclusiveMinimum: 0, maximum: 10000, default: 50 }),
  REVENUE_ANOMALY_FLAT_PERCENT: Type.Number({ minimum: 0, maximum: 10000, default: 10 }),
});

export type RevenueConfig = Static<typeof RevenueConfigSchema>;

export function loadRevenueConfig(env: NodeJS.ProcessEnv = process.env): RevenueConfig {
  return loadConfig(RevenueConfigSchema, env);
}
