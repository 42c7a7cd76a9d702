import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EventContract, type RawRecord } from './event-contract';
import { parkFigures } from './park-figures';
import { ParkStream } from './park-stream';

/** The park's AsyncAPI document as a partner downloads it from the gateway's /asyncapi.json. */
const DOCUMENT = join(__dirname, '../test/fixtures/asyncapi.json');

type Example = { topic: string; type: string; payload: Record<string, unknown> & { data: Record<string, unknown> } };

describe(ParkStream.name, () => {
  let contract: EventContract;
  let examples: Map<string, Example>;
  let offset = 0;

  beforeAll(async () => {
    contract = await EventContract.load(DOCUMENT);
    const doc = JSON.parse(await readFile(DOCUMENT, 'utf8')) as {
      channels: Record<string, { address: string; messages: Record<string, unknown> }>;
      components: { messages: Record<string, { examples: Array<{ payload: Example['payload'] }> }> };
    };
    examples = new Map();
    for (const channel of Object.values(doc.channels)) {
      for (const type of Object.keys(channel.messages)) examples.set(type, { topic: channel.address, type, payload: doc.components.messages[type]!.examples[0]!.payload });
    }
  });

  /** The document's example of `type` as a Kafka record, with `change` applied to a copy of its envelope. */
  const record = (type: string, change: (e: Record<string, unknown> & { data: Record<string, unknown> }) => void = () => undefined, headers: RawRecord['headers'] = { 'content-type': 'application/cloudevents+json' }): RawRecord => {
    const example = examples.get(type)!;
    const envelope = structuredClone(example.payload);
    change(envelope);
    const keyField = contract.topics.find((t) => t.name === example.topic)!.keyField;
    return { topic: example.topic, partition: 0, offset: String(offset++), key: Buffer.from(String(envelope.data[keyField] ?? '')), headers, value: Buffer.from(JSON.stringify(envelope)) };
  };

  it('reads the public topics and every documented event type from the document', () => {
    // The receive operations' channels, and only those: carriers send usage records, partners do not receive them.
    expect(contract.topics.map((t) => t.name).sort()).toEqual([
      'valley.enterprise.lifecycle.v1',
      'valley.flow.allocations.v1',
      'valley.flow.charges.v1',
      'valley.flow.usage-alerts.v1',
      'valley.revenue.reports.v1',
      'valley.talent.programs.v1',
    ]);
    expect(contract.topics.map((t) => t.name)).not.toContain('valley.flow.usage-records.v1');
    expect(contract.topics.find((t) => t.name === 'valley.flow.charges.v1')).toEqual({ name: 'valley.flow.charges.v1', keyField: 'enterpriseId', eventTypes: ['valley.flow.monthly-charges-computed.v1'] });
    expect(contract.topics.flatMap((t) => t.eventTypes).sort()).toEqual([...examples.keys()].filter((t) => t.startsWith('valley.')).sort());
    expect(contract.topics.some((t) => t.name.endsWith('.dlq'))).toBe(false);
  });

  it('applies every example of the document, each once', () => {
    const sut = new ParkStream(contract);
    const types = [...examples.keys()].filter((t) => t.startsWith('valley.'));
    expect(types.map((t) => sut.ingest(record(t)))).toEqual(types.map(() => 'applied'));
    expect(types.map((t) => sut.ingest(record(t)))).toEqual(types.map(() => 'duplicate'));
    expect(sut.invalidCount).toBe(0);
  });

  it.each<[string, string, (e: Record<string, unknown> & { data: Record<string, unknown> }) => void, RegExp]>([
    ['a money figure as a float', 'valley.flow.monthly-charges-computed.v1', (e) => void (e.data['chargeFen'] = 120.5), /chargeFen/],
    ['a data field the schema does not have', 'valley.revenue.report-submitted.v1', (e) => void (e.data['bonusFen'] = '1'), /additional properties/],
    ['no CloudEvents id', 'valley.enterprise.approved.v1', (e) => void delete e['id'], /missing id/],
    ['another specversion', 'valley.enterprise.approved.v1', (e) => void (e['specversion'] = '0.3'), /specversion/],
    ['a time that is not UTC', 'valley.flow.monthly-charges-computed.v1', (e) => void (e['time'] = '2026-11-01T08:00:00+08:00'), /time/],
    ['a type not documented on its topic', 'valley.flow.monthly-charges-computed.v1', (e) => void (e['type'] = 'valley.flow.monthly-charges-computed.v2'), /not documented/],
  ])('counts an event with %s as invalid, with where it was, and leaves the view alone', (_what, type, change, reason) => {
    const seen: unknown[] = [];
    const sut = new ParkStream(contract, undefined, (r) => seen.push(r));
    sut.ingest(record('valley.enterprise.approved.v1'));
    const before = parkFigures(sut.view);
    const bad = record(type, (e) => {
      e['id'] = '7a1c3a50-1b1e-4c4f-9a4e-000000000001';
      change(e);
    });
    expect(sut.ingest(bad)).toBe('invalid');
    expect(sut.invalid).toEqual([{ topic: bad.topic, partition: 0, offset: bad.offset, reason: expect.stringMatching(reason) }]);
    expect(seen).toHaveLength(1);
    expect(parkFigures(sut.view)).toEqual(before);
    // The stream goes on: the next valid event is applied.
    expect(sut.ingest(record('valley.flow.monthly-charges-computed.v1'))).toBe('applied');
  });

  it('refuses what is not JSON, a missing content-type header and a key that is not the enterprise', () => {
    const sut = new ParkStream(contract);
    const good = record('valley.flow.monthly-charges-computed.v1');
    expect(sut.ingest({ ...good, value: Buffer.from('{"specversion":') })).toBe('invalid');
    expect(sut.ingest({ ...good, headers: {} })).toBe('invalid');
    expect(sut.ingest({ ...good, key: Buffer.from('00000000-0000-4000-8000-000000000000') })).toBe('invalid');
    expect(sut.invalid.map((r) => r.reason)).toEqual([expect.stringMatching(/not a JSON object/), expect.stringMatching(/headers/), expect.stringMatching(/Kafka key/)]);
    expect(sut.view.counts.applied).toBe(0);
    expect(sut.ingest(good)).toBe('applied');
  });

  it('does not take carriers\' usage records: a record of theirs is off the contract, and a document offering them to receive is refused', async () => {
    const sut = new ParkStream(contract);
    const enterpriseId = '3f1d2c4b-5a69-4788-9abc-def012345678';
    const usage = { recordId: 'r-1', carrierId: 'cmcc-shanxi', enterpriseId, windowStart: '2026-10-01T00:00:00Z', windowEnd: '2026-10-01T01:00:00Z', bytesIn: '5', bytesOut: 6 };
    expect(sut.ingest({ topic: 'valley.flow.usage-records.v1', partition: 1, offset: String(offset++), key: Buffer.from(enterpriseId), headers: {}, value: Buffer.from(JSON.stringify(usage)) })).toBe('invalid');
    expect(sut.invalid).toEqual([expect.objectContaining({ topic: 'valley.flow.usage-records.v1', reason: expect.stringMatching(/not in the document/) })]);
    expect(sut.view.counts.applied).toBe(0);

    // The document as it was before: usage records offered to receive too. They are not CloudEvents, so this consumer says so at once.
    const doc = JSON.parse(await readFile(DOCUMENT, 'utf8')) as { operations: Record<string, unknown> };
    doc.operations['receiveFlowUsageRecordsV1'] = { action: 'receive', channel: { $ref: '#/channels/flowUsageRecordsV1' } };
    expect(() => EventContract.fromDocument(doc)).toThrow(/valley\.flow\.usage-records\.v1 offers message UsageRecordV1 \(application\/json\) to receive: this consumer reads CloudEvents/);
  });
});
