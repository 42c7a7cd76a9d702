import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, type MixedList } from 'typeorm';
import { testDatabaseServerUrl } from './test-environment';

export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh database on the real server, migrated with `migrations`; `drop()` removes it. */
export async function createTestDatabase(prefix: string, migrations: MixedList<Function>): Promise<TestDatabase> {
  const name = `test_${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const serverUrl = testDatabaseServerUrl();
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = withDatabase(serverUrl, name);
  const dataSource = new DataSource({ type: 'postgres', url, migrations, migrationsRun: true, synchronize: false, extra: { max: 10 } });
  await dataSource.initialize();
  return {
    url,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
