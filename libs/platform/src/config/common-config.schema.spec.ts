import { kafkaSaslOf } from './common-config.schema';
import { ConfigError } from './load-config';

describe(kafkaSaslOf.name, () => {
  it('gives the three SASL variables as one credential, and none for an open broker', () => {
    expect(kafkaSaslOf({})).toBeUndefined();
    expect(kafkaSaslOf({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_USERNAME: 'valley-revenue', KAFKA_PASSWORD: 'pw' })).toEqual({ mechanism: 'scram-sha-512', username: 'valley-revenue', password: 'pw' });
  });

  it('stops the start-up with a ConfigError naming the variables when only some are set', () => {
    const sut = (): unknown => kafkaSaslOf({ KAFKA_USERNAME: 'valley-revenue' });
    expect(sut).toThrow(ConfigError);
    expect(sut).toThrow(/KAFKA_SASL_MECHANISM, KAFKA_USERNAME and KAFKA_PASSWORD go together/);
  });
});
