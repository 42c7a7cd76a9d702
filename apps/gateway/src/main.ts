import 'reflect-metadata';
import { ConfigError, createJsonLogger, redactConfig } from '@valley/platform';
import { GatewayConfigSchema, loadGatewayConfig } from './gateway.config';
import { startGateway } from './gateway';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const logger = createJsonLogger('gateway', config.LOG_LEVEL);
  logger.info({ config: redactConfig(GatewayConfigSchema, config) }, 'starting');
  await startGateway(config, logger);
}

main().catch((err: unknown) => {
  // A bad configuration is the operator's to fix: say which variable, no stack trace.
  process.stderr.write(err instanceof ConfigError ? `gateway: ${err.message}\n` : `gateway: failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
