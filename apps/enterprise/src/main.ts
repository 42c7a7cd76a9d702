import 'reflect-metadata';
import { ConfigError, createJsonLogger, redactConfig, startService } from '@valley/platform';
import { EnterpriseAppModule } from './app.module';
import { EnterpriseConfigSchema, loadEnterpriseConfig } from './enterprise.config';

async function main(): Promise<void> {
  const config = loadEnterpriseConfig();
  const logger = createJsonLogger('enterprise', config.LOG_LEVEL);
  logger.info({ config: redactConfig(EnterpriseConfigSchema, config) }, 'starting');
  await startService({ module: EnterpriseAppModule.forRoot(config, logger), logger, port: config.PORT, host: config.HOST });
}

main().catch((err: unknown) => {
  // A bad configuration is the operator's to fix: say which variable, no stack trace.
  process.stderr.write(err instanceof ConfigError ? `enterprise: ${err.message}\n` : `enterprise: failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
