import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAsyncApiDocument } from '@valley/contracts';

const SRC = join(__dirname, '../src');

describe('the partner consumer uses only the public documentation', () => {
  it('imports nothing of Valley: only node, kafkajs, ajv and its own files', () => {
    const imports = readdirSync(SRC)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(join(SRC, f), 'utf8').matchAll(/(?:from|import\()\s*'([^']+)'/g)].map((m) => [f, m[1]!] as const));
    expect(imports.length).toBeGreaterThan(10);
    const foreign = imports.filter(([, what]) => !/^(node:|kafkajs$|ajv$|ajv-formats$|\.\/[a-z-]+$)/.test(what));
    expect(foreign).toEqual([]);
  });

  it('tests against the document the gateway serves (the fixture is buildAsyncApiDocument\'s output)', () => {
    const fixture: unknown = JSON.parse(readFileSync(join(__dirname, 'fixtures/asyncapi.json'), 'utf8'));
    expect(fixture).toEqual(buildAsyncApiDocument());
  });
});
