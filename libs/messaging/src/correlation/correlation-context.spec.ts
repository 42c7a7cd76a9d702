import { acceptCorrelationId, currentCorrelationId, isValidCorrelationId, runWithCorrelationId } from './correlation-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe(isValidCorrelationId.name, () => {
  it('accepts 1 to 128 characters of letters, digits and . _ : -', () => {
    for (const ok of ['a', 'req-42', '7d8f5a3e-2b1c-4e5f-9a8b-1c2d3e4f5a6b', 'gw:1713.abc_DEF', 'x'.repeat(128)]) {
      expect(isValidCorrelationId(ok)).toBe(true);
    }
  });

  it('refuses empty, too long, spaces, other punctuation, non-ASCII, line breaks and non-strings', () => {
    for (const bad of ['', 'x'.repeat(129), 'a b', 'a/b', 'a;b', '<script>', '关联', 'ok\n', 'ok\r\nx-injected: 1', undefined, null, 42, ['ok']]) {
      expect(isValidCorrelationId(bad)).toBe(false);
    }
  });
});

describe(acceptCorrelationId.name, () => {
  it('keeps a well-formed id and replaces anything else by a fresh UUID', () => {
    expect(acceptCorrelationId('req-42')).toBe('req-42');
    expect(acceptCorrelationId(undefined)).toMatch(UUID);
    expect(acceptCorrelationId('a b')).toMatch(UUID);
    expect(acceptCorrelationId('x'.repeat(129))).toMatch(UUID);
    expect(acceptCorrelationId('')).not.toBe(acceptCorrelationId(''));
  });
});

describe(runWithCorrelationId.name, () => {
  it('makes the id current across awaits and timers, nested scopes included, and nowhere else', async () => {
    expect(currentCorrelationId()).toBeUndefined();
    const seen = await runWithCorrelationId('outer', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const inner = await runWithCorrelationId('inner', async () => {
        await Promise.resolve();
        return currentCorrelationId();
      });
      return [currentCorrelationId(), inner];
    });
    expect(seen).toEqual(['outer', 'inner']);
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('keeps concurrent scopes apart', async () => {
    const inScope = (id: string, delayMs: number) =>
      runWithCorrelationId(id, async () => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return currentCorrelationId();
      });
    expect(await Promise.all([inScope('a', 5), inScope('b', 1), inScope('c', 3)])).toEqual(['a', 'b', 'c']);
  });
});
