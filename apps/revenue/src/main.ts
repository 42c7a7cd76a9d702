import 'reflect-metadata';
import { ConfigError, createJsonLogger, redactConfig, startService } from '@valley/platform';
import { RevenueAppModule } from './app.module';
import { RevenueConfigSchema, loadRevenueConfig } from './revenue.config';

async function main(): Promise<void> {
  const config = loadRevenueConfig();
  const logger = createJsonLogger('revenue', config.LOG_LEVEL);
  logger.info({ config: redactConfig(RevenueConfigSchema, config) }, 'starting');
  await startService({ module: RevenueAppModule.forRoot(config, logger), logger, port: config.PORT, host: config.HOST });
}

main().catch((err: unknown) => {
  // A bad configuration is the operator's to fix: say which variable, no stack trace.
  process.stderr.write(err instanceof ConfigError ? `revenue: ${err.message}\n` : `revenue: failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
