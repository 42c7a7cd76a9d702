import { Writable } from 'node:stream';
import { runWithCorrelationId } from '@valley/messaging';
import { createJsonLogger } from './json-logger';

function capture(): { lines: Array<Record<string, unknown>>; destination: Writable } {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
}

describe(createJsonLogger.name, () => {
  it('puts the current correlation id on the lines written in its scope, and only there', async () => {
    const { lines, destination } = capture();
    const sut = createJsonLogger('test', 'info', destination);
    sut.info('before');
    await runWithCorrelationId('req-1', async () => {
      await Promise.resolve();
      sut.info({ enterpriseId: 'e-1' }, 'inside');
      sut.child({ context: 'child' }).warn('from a child');
    });
    sut.info('after');
    expect(lines.map((l) => [l['msg'], l['correlationId']])).toEqual([
      ['before', undefined],
      ['inside', 'req-1'],
      ['from a child', 'req-1'],
      ['after', undefined],
    ]);
    expect(lines[1]).toMatchObject({ service: 'test', enterpriseId: 'e-1', level: 'info' });
  });

  it('lets a line name its own correlation id (a consumer logging a record it is not handling)', () => {
    const { lines, destination } = capture();
    const sut = createJsonLogger('test', 'info', destination);
    runWithCorrelationId('req-1', () => sut.warn({ correlationId: 'record-9' }, 'about another record'));
    expect(lines[0]?.['correlationId']).toBe('record-9');
  });
});
