import { ConfigError, redactConfig } from '@valley/platform';
import { DEFAULT_TRACKS, loadTalentConfig, TalentConfigSchema } from './talent.config';

const env = {
  DATABASE_URL: 'postgres://valley:pw@127.0.0.1:5432/valley_talent',
  KAFKA_BROKERS: '127.0.0.1:9092',
  VALLEY_IDENTITY_SECRET: 'an-identity-secret-of-at-least-32-chars',
  TALENT_ID_HASH_SECRET: 'a-hash-secret-of-at-least-32-characters!',
};

describe(loadTalentConfig.name, () => {
  it('applies the defaults: port 4004 and the park\'s tracks', () => {
    expect(loadTalentConfig(env)).toMatchObject({ PORT: 4004, TALENT_CONSUMER_GROUP_PREFIX: 'valley-talent', TALENT_TRACKS: DEFAULT_TRACKS.join(',') });
  });

  it.each([
    ['missing', undefined, 'TALENT_ID_HASH_SECRET is required'],
    ['too short', 'short-secret', 'TALENT_ID_HASH_SECRET must NOT have fewer than 32 characters'],
  ])('stops at start-up when the id hash secret is %s', (_case, value, problem) => {
    let error: unknown;
    try {
      loadTalentConfig({ ...env, TALENT_ID_HASH_SECRET: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toContain(problem);
  });

  it('refuses tracks that are not a comma-separated list of codes', () => {
    expect(() => loadTalentConfig({ ...env, TALENT_TRACKS: 'esports, coal' })).toThrow(ConfigError);
  });

  it('never shows the secrets when the configuration is logged', () => {
    const shown = redactConfig(TalentConfigSchema, loadTalentConfig(env));
    expect(shown).toMatchObject({ TALENT_ID_HASH_SECRET: '***', VALLEY_IDENTITY_SECRET: '***', DATABASE_URL: 'postgres://valley:***@127.0.0.1:5432/valley_talent' });
    expect(JSON.stringify(shown)).not.toContain(env.TALENT_ID_HASH_SECRET);
  });
});
