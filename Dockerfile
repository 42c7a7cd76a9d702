# syntax=docker/dockerfile:1.7
#
# One image for every Valley app (enterprise, provisioning, revenue, talent,
# gateway): the command picks the app (dist/apps/<app>/src/main.js). Also
# carries the one-shot jobs: bin/valley-topics.js (the contract's topics) and
# bin/valley-migrate.js <app> (that app's TypeORM migrations, then exit).
#
#   docker build -t valley .                    # the apps (target: runtime)
#
# The management portal is in it too: `npm run build` ends with its Vite build
# (dist/portal, static files), which the gateway serves at /portal/.
#
# Checked without a container engine by test/deploy/dockerfile.spec.ts.

ARG NODE_IMAGE=node:22.12-bookworm-slim

# --- build: every dependency (tsc, tsc-alias and tsx are dev dependencies), then npm run build
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY libs ./libs
COPY apps ./apps
RUN npm run build

# --- prod-deps: production dependencies only
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime: compiled apps and production node_modules, as the unprivileged `node` user (uid 1000)
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
COPY --from=prod-deps --chown=root:root /src/node_modules ./node_modules
COPY --from=build --chown=root:root /src/dist ./dist
COPY --chown=root:root package.json ./

# The topics one-shot: the contract's topics and their .dlq, idempotently (as `npm run topics`).
COPY --chown=root:root <<'EOF' bin/valley-topics.js
'use strict';
// Creates every contract topic and its .dlq on KAFKA_BROKERS with their declared
// partitions and retention; raises partition counts that are lower; idempotent.
const { createKafka, ensureTopics } = require('../dist/libs/messaging/src');

async function main() {
  const brokers = (process.env.KAFKA_BROKERS || '').split(',').filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is required');
  const result = await ensureTopics(createKafka({ brokers, clientId: 'valley-topics' }));
  process.stdout.write(`topics: ${result.created.length} created, ${result.widened.length} widened, ${result.existing.length} unchanged\n`);
}

main().catch((err) => {
  process.stderr.write(`creating topics failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
EOF

# The migration one-shot: one app's migrations, the same list its DataSource runs at start-up.
# TypeORM takes no lock of its own on PostgreSQL, so concurrent runners wait on an advisory lock.
COPY --chown=root:root <<'EOF' bin/valley-migrate.js
'use strict';
// node bin/valley-migrate.js <app>: runs the app's pending migrations on DATABASE_URL and exits.
const { DataSource } = require('typeorm');

const MIGRATIONS = {
  enterprise: ['../dist/apps/enterprise/src/onboarding/infrastructure/persistence/migrations', 'enterpriseMigrations'],
  provisioning: ['../dist/apps/provisioning/src/provisioning/infrastructure/persistence/migrations', 'provisioningMigrations'],
  revenue: ['../dist/apps/revenue/src/revenue/infrastructure/persistence/migrations', 'revenueMigrations'],
  talent: ['../dist/apps/talent/src/talent/infrastructure/persistence/migrations', 'talentMigrations'],
};
// Not the outbox relay's key (0x7661_6c6c): a migration never waits on a relay leader.
const MIGRATION_LOCK_KEY = 0x7661_6d67;

async function main() {
  const app = process.argv[2];
  const entry = MIGRATIONS[app];
  if (!entry) throw new Error(`usage: valley-migrate.js <${Object.keys(MIGRATIONS).join('|')}>`);
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL is required (postgres://…)');
  const migrations = require(entry[0])[entry[1]];
  const dataSource = new DataSource({ type: 'postgres', url, migrations, migrationsRun: false, synchronize: false, extra: { max: 2, application_name: `valley-${app}-migrate` } });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const ran = await dataSource.runMigrations({ transaction: 'all' });
    process.stdout.write(`${app}: ${ran.length} migration(s) run${ran.map((m) => `\n  ${m.name}`).join('')}\n`);
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  } finally {
    await lock.release();
    await dataSource.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`migrations failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
EOF

USER node
EXPOSE 4000 4001 4002 4003 4004
# Liveness of whichever app runs: it listens on PORT (the image defaults to the gateway's).
ENV PORT=4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/gateway/src/main.js"]
