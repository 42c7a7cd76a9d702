import 'reflect-metadata';
import { ConfigError, createJsonLogger, redactConfig, startService } from '@valley/platform';
import { TalentAppModule } from './app.module';
import { TalentConfigSchema, loadTalentConfig } from './talent.config';

async function main(): Promise<void> {
  const config = loadTalentConfig();
  const logger = createJsonLogger('talent', config.LOG_LEVEL);
  logger.info({ config: redactConfig(TalentConfigSchema, config) }, 'starting');
  await startService({ module: TalentAppModule.forRoot(config, logger), logger, port: config.PORT, host: config.HOST });
}

main().catch((err: unknown) => {
  // A bad configuration is the operator's to fix: say which variable, no stack trace.
  process.stderr.write(err instanceof ConfigError ? `talent: ${err.message}\n` : `talent: failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
