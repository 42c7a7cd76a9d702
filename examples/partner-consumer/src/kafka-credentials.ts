import type { SASLOptions } from 'kafkajs';

/**
 * The partner's SASL settings from the environment: PARTNER_KAFKA_USERNAME,
 * PARTNER_KAFKA_PASSWORD and PARTNER_KAFKA_MECHANISM (scram-sha-512 unless set).
 * None without a username: the consumer then connects without authentication
 * (the open local mode of `npm start`).
 */
export function saslFromEnv(env: NodeJS.ProcessEnv): SASLOptions | undefined {
  const username = env['PARTNER_KAFKA_USERNAME'];
  if (!username) return undefined;
  const password = env['PARTNER_KAFKA_PASSWORD'];
  if (!password) throw new Error('PARTNER_KAFKA_USERNAME is set but PARTNER_KAFKA_PASSWORD is not');
  const mechanism = (env['PARTNER_KAFKA_MECHANISM'] ?? 'scram-sha-512').toLowerCase();
  if (mechanism === 'scram-sha-512' || mechanism === 'scram-sha-256' || mechanism === 'plain') return { mechanism, username, password };
  throw new Error(`PARTNER_KAFKA_MECHANISM ${mechanism}: expected scram-sha-512, scram-sha-256 or plain`);
}
