import { Type, type Static } from '@sinclair/typebox';
import { CommonConfigProperties, loadConfig } from '@valley/platform';

export const DEFAULT_TRACKS = [
  'ai-large-model-applications',
  '3d-data-capture-and-modelling',
  'live-commerce-operations',
  'esports',
  'data-annotation',
  'digital-human-production',
  'industrial-digitalisation',
] as const;

export const TalentConfigSchema = Type.Object({
  ...CommonConfigProperties,
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 4004 }),
  /** Kafka consumer groups are `<prefix>.<stream>`; DO NOT CHANGE in production (offsets live under it). */
  TALENT_CONSUMER_GROUP_PREFIX: Type.String({ pattern: '^[a-z0-9._-]+$', default: 'valley-talent' }),
  /** The park's training tracks. */
  TALENT_TRACKS: Type.String({ pattern: '^[a-z0-9-]+(,[a-z0-9-]+)*$', default: DEFAULT_TRACKS.join(',') }),
  /**
   * The HMAC-SHA256 key national id numbers are hashed under (only the hash and a masked form are stored).
   * DO NOT CHANGE once trainees are registered: the same person would no longer be recognised.
   */
  TALENT_ID_HASH_SECRET: Type.String({ minLength: 32, secret: true, description: 'keys the hash of national id numbers; 32+ characters' }),
});

export type TalentConfig = Static<typeof TalentConfigSchema>;

export function loadTalentConfig(env: NodeJS.ProcessEnv = process.env): TalentConfig {
  return loadConfig(TalentConfigSchema, env);
}
