import 'reflect-metadata';
import { ConfigError, createJsonLogger, redactConfig, startService } from '@valley/platform';
import { ProvisioningAppModule } from './app.module';
import { ProvisioningConfigSchema, loadProvisioningConfig } from './provisioning.config';

async function main(): Promise<void> {
  const config = loadProvisioningConfig();
  const logger = createJsonLogger('provisioning', config.LOG_LEVEL);
  logger.info({ config: redactConfig(ProvisioningConfigSchema, config) }, 'starting');
  await startService({ module: ProvisioningAppModule.forRoot(config, logger), logger, port: config.PORT, host: config.HOST });
}

main().catch((err: unknown) => {
  // A bad configuration is the operator's to fix: say which variable, no stack trace.
  process.stderr.write(err instanceof ConfigError ? `provisioning: ${err.message}\n` : `provisioning: failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
