import Ajv2019 from 'ajv/dist/2019';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { APPS, entryOf, parseYaml, read, ROOT, variablesToSet } from './deploy-files';

interface ComposeService {
  image?: string;
  build?: { target?: string };
  command?: string[];
  environment?: Record<string, string | number>;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
}
interface Compose { services: Record<string, ComposeService>; volumes?: Record<string, unknown> }

describe('docker-compose.yml', () => {
  const sut = parseYaml('docker-compose.yml') as Compose;

  it('validates against the Compose specification schema (vendored, test/deploy/schemas)', () => {
    // Its $schema ends in '#' and it names itself with draft-04's `id`, which Ajv 8 refuses: the draft is Ajv2019's own.
    const { $schema: _draft, ...schema } = JSON.parse(fs.readFileSync(path.join(__dirname, 'schemas', 'compose-spec.json'), 'utf8'), (key, value: unknown) => (key === 'id' && typeof value === 'string' ? undefined : value)) as Record<string, unknown>;
    const ajv = new Ajv2019({ strict: false, validateFormats: false, allErrors: true });
    const validate = ajv.compile(schema);
    expect(validate(sut) ? [] : validate.errors).toEqual([]);
  });

  it.each(APPS.map((a) => [a.name, a] as const))('%s: runs its entry and sets every variable its configuration requires', (name, app) => {
    const service = sut.services[name]!;
    expect(service.command).toEqual(['node', entryOf(name)]);
    const env = service.environment ?? {};
    for (const key of variablesToSet(app)) expect([key, env[key]]).toEqual([key, expect.anything()]);
    expect(String(env['PORT'])).toBe(String(app.port));
    expect(env['HOST']).toBe('0.0.0.0');
    if (name === 'gateway') expect(env['GATEWAY_JWT_SECRET'] ?? env['GATEWAY_JWKS_URL']).toBeTruthy();
    if (name !== 'gateway') expect(String(env['DATABASE_URL'])).toMatch(new RegExp(`^postgres://.*@postgres:5432/valley_${name}$`));
  });

  it('sets no variable an app does not read (a misspelt one would be ignored silently)', () => {
    for (const app of APPS) {
      const known = Object.keys(app.schema.properties);
      expect([app.name, Object.keys(sut.services[app.name]!.environment ?? {}).filter((k) => !known.includes(k))]).toEqual([app.name, []]);
    }
  });

  it('health-checks every service on its /health/ready, on the port it listens on', () => {
    for (const app of APPS) {
      const test = (sut.services[app.name]!.healthcheck?.test ?? []).join(' ');
      expect(test).toContain(`http://127.0.0.1:${app.port}/health/ready`);
    }
    expect(sut.services['kafka']!.healthcheck?.test).toBeDefined();
    expect(sut.services['postgres']!.healthcheck?.test).toBeDefined();
  });

  it('starts in order: infrastructure healthy, one-shots completed, services healthy before the gateway', () => {
    for (const app of APPS.filter((a) => a.name !== 'gateway')) {
      const deps = sut.services[app.name]!.depends_on ?? {};
      expect(deps['postgres']?.condition).toBe('service_healthy');
      expect(deps['kafka']?.condition).toBe('service_healthy');
      expect(deps['topics']?.condition).toBe('service_completed_successfully');
      expect(deps[`migrate-${app.name}`]?.condition).toBe('service_completed_successfully');
      expect(sut.services[`migrate-${app.name}`]!.command).toEqual(['node', 'bin/valley-migrate.js', app.name]);
      expect(sut.services[`migrate-${app.name}`]!.environment?.['DATABASE_URL']).toBe(sut.services[app.name]!.environment?.['DATABASE_URL']);
      expect(sut.services['gateway']!.depends_on?.[app.name]?.condition).toBe('service_healthy');
    }
  });

  it('creates the contract topics with the one-shot that runs libs/messaging ensureTopics (TopicSpecs and .dlq)', () => {
    expect(sut.services['topics']!.command).toEqual(['node', 'bin/valley-topics.js']);
    expect(read('Dockerfile')).toMatch(/require\('\.\.\/dist\/libs\/messaging\/src'\)[\s\S]*ensureTopics\(/);
  });

  it('runs Kafka as the official apache/kafka image in KRaft mode, with data on volumes', () => {
    expect(sut.services['kafka']!.image).toMatch(/^apache\/kafka:/);
    expect(sut.services['kafka']!.environment?.['KAFKA_PROCESS_ROLES']).toBe('broker,controller');
    expect(sut.services['kafka']!.volumes).toEqual([`kafka-data:${sut.services['kafka']!.environment?.['KAFKA_LOG_DIRS']}`]);
    expect(sut.services['postgres']!.volumes).toEqual(['pg-data:/var/lib/postgresql/data']);
    expect(Object.keys(sut.volumes ?? {}).sort()).toEqual(['kafka-data', 'pg-data']);
  });

  it('publishes only the gateway on the host (it serves the portal too)', () => {
    const published = Object.entries(sut.services).filter(([, s]) => (s.ports ?? []).length > 0).map(([n]) => n);
    expect(published).toEqual(['gateway']);
  });

  it('keeps the repository root free of a stray .env with secrets', () => {
    expect(fs.existsSync(path.join(ROOT, '.env'))).toBe(false);
  });
});
