import * as path from 'node:path';
import * as vm from 'node:vm';
import * as fs from 'node:fs';
import { APPS, dockerfileHeredocs, entryOf, read, ROOT } from './deploy-files';

describe('Dockerfile', () => {
  const sut = read('Dockerfile');
  const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
  const stage = (name: string): string => sut.split(/^FROM /m).find((s) => new RegExp(`AS ${name}\\n`).test(s)) ?? '';

  it('builds as the package scripts do: npm ci, then npm run build (tsc, tsc-alias, the supergraph)', () => {
    expect(stage('build')).toMatch(/RUN npm ci\b/);
    expect(stage('build')).toMatch(/RUN npm run build\n/);
    expect(pkg.scripts['build']).toContain('tsc -p tsconfig.build.json');
    // What the build reads is copied in before it runs.
    const build = stage('build');
    for (const file of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) expect(build).toContain(file);
    expect(build).toMatch(/COPY libs/);
    expect(build).toMatch(/COPY apps/);
  });

  it('runs production dependencies only, as a non-root user, with a health check', () => {
    expect(stage('prod-deps')).toMatch(/npm ci --omit=dev/);
    const runtime = stage('runtime');
    expect(runtime).toMatch(/^USER (node|[1-9]\d*)$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*\/health\/live/m);
    expect(runtime).toMatch(/HOST=0\.0\.0\.0/);
    expect(runtime).toContain(`CMD ["node", "${entryOf('gateway')}"]`);
  });

  it('has every app entry the deployments run in the build output (tsconfig.build.json includes apps/*/src)', () => {
    for (const app of APPS) expect(fs.existsSync(path.join(ROOT, 'apps', app.name, 'src', 'main.ts'))).toBe(true);
    expect((JSON.parse(read('tsconfig.build.json')) as { include: string[] }).include).toEqual(expect.arrayContaining(['apps/*/src', 'libs/*/src']));
  });

  it('has one-shot scripts that compile and require modules the build emits', () => {
    const scripts = dockerfileHeredocs(sut);
    expect([...scripts.keys()].sort()).toEqual(['bin/valley-migrate.js', 'bin/valley-topics.js']);
    for (const name of ['bin/valley-migrate.js', 'bin/valley-topics.js']) {
      const body = scripts.get(name)!;
      expect(() => new vm.Script(body, { filename: name })).not.toThrow();
      for (const [, dist] of body.matchAll(/'\.\.\/dist\/([^']+)'/g)) {
        const source = path.join(ROOT, dist!);
        expect([dist, fs.existsSync(`${source}.ts`) || fs.existsSync(path.join(source, 'index.ts'))]).toEqual([dist, true]);
      }
    }
    // The migration list of each app is the one its DataSource runs at start-up.
    const migrate = scripts.get('bin/valley-migrate.js')!;
    for (const app of APPS.filter((a) => a.name !== 'gateway')) {
      const exportName = `${app.name}Migrations`;
      expect(migrate).toContain(`'${exportName}'`);
      expect(read(`apps/${app.name}/src/app.module.ts`)).toContain(`migrations: ${exportName}`);
    }
  });

  it('builds the portal into the image, where the gateway serves its static files', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts['build']).toContain('npm run build:portal');
    expect(pkg.scripts['build:portal']).toMatch(/^vite build --config apps\/portal\/vite\.config\.ts/);
    expect(stage('build')).toMatch(/^COPY apps \.\/apps$/m);
    expect(stage('runtime')).toMatch(/^COPY --from=build .*\/src\/dist \.\/dist$/m);
    expect(read('apps/gateway/src/gateway.config.ts')).toMatch(/PORTAL_DIR[\s\S]*dist\/portal/);
  });

  it('keeps secrets and build output out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', 'dist', '.env', '.git', '.valley']) expect(ignored).toContain(entry);
  });
});
