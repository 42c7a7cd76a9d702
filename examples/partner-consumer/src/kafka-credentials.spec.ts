import { saslFromEnv } from './kafka-credentials';

describe('saslFromEnv', () => {
  it('is none without a username, so the consumer connects without SASL', () => {
    expect(saslFromEnv({})).toBeUndefined();
  });

  it('takes SCRAM-SHA-512 unless another mechanism is named', () => {
    expect(saslFromEnv({ PARTNER_KAFKA_USERNAME: 'partner-bank', PARTNER_KAFKA_PASSWORD: 's3cret' })).toEqual({ mechanism: 'scram-sha-512', username: 'partner-bank', password: 's3cret' });
    expect(saslFromEnv({ PARTNER_KAFKA_USERNAME: 'p', PARTNER_KAFKA_PASSWORD: 'x', PARTNER_KAFKA_MECHANISM: 'SCRAM-SHA-256' })).toMatchObject({ mechanism: 'scram-sha-256' });
  });

  it('refuses a username without a password and an unknown mechanism', () => {
    expect(() => saslFromEnv({ PARTNER_KAFKA_USERNAME: 'p' })).toThrow(/PARTNER_KAFKA_PASSWORD/);
    expect(() => saslFromEnv({ PARTNER_KAFKA_USERNAME: 'p', PARTNER_KAFKA_PASSWORD: 'x', PARTNER_KAFKA_MECHANISM: 'gssapi' })).toThrow(/gssapi/);
  });
});
