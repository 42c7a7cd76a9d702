import { describeRetention } from './asyncapi-document';
import type { AsyncApiDocument, AsyncApiMessage, JsonSchema } from './asyncapi.types';

/**
 * The AsyncAPI document as one readable, self-contained HTML page: inline CSS,
 * no script, nothing fetched from elsewhere (partners may read it offline, and
 * the park's machines have no internet). Every text from the document is escaped.
 */
export function renderAsyncApiHtml(doc: AsyncApiDocument): string {
  const messages = Object.entries(doc.components.messages);
  const envelope = messages.map(([, m]) => m).find(isCloudEvent);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(doc.info.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${escapeHtml(doc.info.title)}</h1>`,
    `<p class="meta">AsyncAPI ${escapeHtml(doc.asyncapi)} · version ${escapeHtml(doc.info.version)} · ${serversLine(doc)} · <a href="asyncapi.json">asyncapi.json</a></p></header>`,
    contents(doc),
    `<section id="contract"><h2>The contract</h2>${markdown(doc.info.description)}</section>`,
    `<section id="connecting"><h2>Connecting</h2>${Object.values(doc.components.securitySchemes).map((scheme) => markdown(scheme.description ?? scheme.type)).join('')}</section>`,
    envelope ? envelopeSection(envelope) : '',
    channelsSection(doc),
    operationsSection(doc),
    `<section id="messages"><h2>Messages</h2>${messages.map(([id, m]) => messageSection(doc, id, m)).join('\n')}</section>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const CSS = [
  'body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;line-height:1.5;color:#1d2430;max-width:72rem;margin:0 auto;padding:1rem 1.5rem}',
  'h1{margin-bottom:0}h2{border-bottom:2px solid #d8dee8;padding-bottom:.2rem;margin-top:2.5rem}h3{margin-top:2rem}',
  '.meta{color:#5a6472;margin-top:.3rem}',
  'table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.92rem}',
  'th,td{border:1px solid #d8dee8;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f2f5f9}',
  'code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.88em;background:#f2f5f9;padding:0 .2em;border-radius:3px}',
  'pre{background:#f6f8fa;border:1px solid #d8dee8;padding:.75rem;overflow-x:auto;font-size:.85rem}pre code{background:none;padding:0}',
  'article{border-top:1px solid #d8dee8}nav ul{columns:2}dt{font-weight:600}dd{margin:0 0 .4rem 1rem}',
].join('');

function isCloudEvent(message: AsyncApiMessage): boolean {
  return schemaAt(message.payload, 'properties', 'specversion') !== undefined && schemaAt(message.payload, 'properties', 'data') !== undefined;
}

function serversLine(doc: AsyncApiDocument): string {
  return Object.values(doc.servers).map((s) => `${escapeHtml(s.protocol)} <code>${escapeHtml(s.host)}</code>`).join(', ');
}

function contents(doc: AsyncApiDocument): string {
  const messages = Object.keys(doc.components.messages).map((id) => `<li><a href="#${escapeHtml(anchor(id))}">${escapeHtml(id)}</a></li>`);
  return [
    '<nav><h2>Contents</h2>',
    '<p><a href="#contract">The contract</a> · <a href="#envelope">Envelope</a> · <a href="#channels">Channels</a> · <a href="#operations">Operations</a> · <a href="#messages">Messages</a></p>',
    `<ul>${messages.join('')}</ul></nav>`,
  ].join('\n');
}

function envelopeSection(message: AsyncApiMessage): string {
  const rows = fieldRows(message.payload).filter((r) => !r.name.startsWith('data.'));
  return `<section id="envelope"><h2>Envelope (CloudEvents 1.0, structured mode)</h2><p>Every event has these fields; <code>type</code>, <code>source</code> and <code>dataschema</code> are fixed per event type, <code>data</code> is described per message below.</p>${fieldTable(rows)}</section>`;
}

function channelsSection(doc: AsyncApiDocument): string {
  const rows = Object.values(doc.channels).map((c) => {
    const kafka = c.bindings.kafka;
    const messages = Object.keys(c.messages).map((id) => `<a href="#${escapeHtml(anchor(id))}">${escapeHtml(id)}</a>`).join('<br>');
    return `<tr><td><code>${escapeHtml(c.address)}</code><br>${escapeHtml(c.description)}</td><td><code>${escapeHtml(kafka['x-key'].field)}</code></td><td>${kafka.partitions}</td><td>${escapeHtml(describeRetention(kafka.topicConfiguration['retention.ms']))}</td><td>${c['x-senders'].map((s) => escapeHtml(s)).join('<br>')}</td><td>${messages}</td></tr>`;
  });
  return `<section id="channels"><h2>Channels (Kafka topics)</h2><table><thead><tr><th>Topic</th><th>Key</th><th>Partitions</th><th>Retention</th><th>Who may send</th><th>Messages</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function operationsSection(doc: AsyncApiDocument): string {
  const rows = Object.entries(doc.operations).map(([id, op]) => {
    const channel = doc.channels[op.channel.$ref.replace('#/channels/', '')];
    return `<tr><td><code>${escapeHtml(id)}</code></td><td>${escapeHtml(op.action)}</td><td><code>${escapeHtml(channel?.address ?? op.channel.$ref)}</code></td><td>${escapeHtml(op.summary)}<br>${markdownInline(op.description)}</td></tr>`;
  });
  return `<section id="operations"><h2>Operations</h2><p><code>receive</code>: partners consume; <code>send</code>: partners produce.</p><table><thead><tr><th>Operation</th><th>Action</th><th>Channel</th><th>What</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function messageSection(doc: AsyncApiDocument, id: string, message: AsyncApiMessage): string {
  const topics = Object.values(doc.channels).filter((c) => id in c.messages).map((c) => `<code>${escapeHtml(c.address)}</code>`);
  const data = isCloudEvent(message) ? schemaAt(message.payload, 'properties', 'data') : message.payload;
  const examples = message.examples.map(
    (e) => `<p><strong>${escapeHtml(e.name)}</strong>: ${escapeHtml(e.summary)}</p><p>Headers:</p><pre><code>${escapeHtml(JSON.stringify(e.headers, null, 2))}</code></pre><p>Value:</p><pre><code>${escapeHtml(JSON.stringify(e.payload, null, 2))}</code></pre>`,
  );
  return [
    `<article id="${escapeHtml(anchor(id))}"><h3><code>${escapeHtml(id)}</code></h3>`,
    `<p><strong>${escapeHtml(message.title)}</strong></p>`,
    markdown(message.description),
    `<dl><dt>Topic</dt><dd>${topics.join(', ')}</dd><dt>Content type</dt><dd><code>${escapeHtml(message.contentType)}</code></dd><dt>Kafka key</dt><dd>${notesOf(message.bindings.kafka.key).join('<br>')}</dd></dl>`,
    `<h4>${isCloudEvent(message) ? 'Fields of <code>data</code>' : 'Fields'}</h4>`,
    data ? fieldTable(fieldRows(data)) : '<p>No schema.</p>',
    '<h4>Kafka headers</h4>',
    fieldTable(fieldRows(message.headers)),
    `<h4>Example</h4>${examples.join('')}`,
    '</article>',
  ].join('\n');
}

function anchor(messageId: string): string {
  return `message-${messageId}`;
}

interface FieldRow {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
  /** Already escaped HTML fragments. */
  readonly notes: readonly string[];
}

/** One row per property, nested objects and arrays of objects flattened as `lines[].amountFen`. */
function fieldRows(schema: JsonSchema, prefix = ''): FieldRow[] {
  const properties = asRecord(schema['properties']);
  const required = new Set(asArray(schema['required']).filter((r): r is string => typeof r === 'string'));
  return Object.entries(properties).flatMap(([name, raw]) => {
    const property = asRecord(raw);
    const path = `${prefix}${name}`;
    const row: FieldRow = { name: path, type: typeOf(property), required: required.has(name), notes: notesOf(property) };
    const items = asRecord(property['items']);
    if (property['type'] === 'object' && property['properties']) return [row, ...fieldRows(property, `${path}.`)];
    if (property['type'] === 'array' && items['type'] === 'object') return [row, ...fieldRows(items, `${path}[].`)];
    return [row];
  });
}

function fieldTable(rows: readonly FieldRow[]): string {
  if (rows.length === 0) return '<p>None.</p>';
  const body = rows.map((r) => `<tr><td><code>${escapeHtml(r.name)}</code></td><td>${escapeHtml(r.type)}</td><td>${r.required ? 'yes' : 'no'}</td><td>${r.notes.join('<br>')}</td></tr>`);
  return `<table><thead><tr><th>Field</th><th>Type</th><th>Required</th><th>Description and rules</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

function typeOf(schema: JsonSchema): string {
  const anyOf = asArray(schema['anyOf']).map((s) => asRecord(s));
  if (anyOf.length > 0) return [...new Set(anyOf.map(typeOf))].join(' | ');
  if (schema['type'] === 'array') return `array of ${typeOf(asRecord(schema['items']))}`;
  return typeof schema['type'] === 'string' ? schema['type'] : 'any';
}

/** The description and every rule a value must follow, as escaped HTML. */
function notesOf(schema: JsonSchema): string[] {
  const notes: string[] = [];
  const text = (key: string): string | undefined => (typeof schema[key] === 'string' || typeof schema[key] === 'number' ? String(schema[key]) : undefined);
  if (text('description')) notes.push(escapeHtml(text('description')!));
  if (text('format')) notes.push(`format <code>${escapeHtml(text('format')!)}</code>`);
  if (text('pattern')) notes.push(`pattern <code>${escapeHtml(text('pattern')!)}</code>`);
  if ('const' in schema) notes.push(`always <code>${escapeHtml(JSON.stringify(schema['const']))}</code>`);
  const choices = [...asArray(schema['enum']), ...asArray(schema['anyOf']).map((s) => asRecord(s)).filter((s) => 'const' in s).map((s) => s['const'])];
  if (choices.length > 0) notes.push(`one of ${choices.map((c) => `<code>${escapeHtml(JSON.stringify(c))}</code>`).join(', ')}`);
  for (const member of asArray(schema['anyOf']).map((s) => asRecord(s)).filter((s) => !('const' in s))) {
    const rules = notesOf(member);
    if (rules.length > 0) notes.push(`as ${escapeHtml(typeOf(member))}: ${rules.join(', ')}`);
  }
  if (text('minLength') || text('maxLength')) notes.push(`length ${escapeHtml(text('minLength') ?? '0')} to ${escapeHtml(text('maxLength') ?? 'any')}`);
  if (text('minimum')) notes.push(`minimum ${escapeHtml(text('minimum')!)}`);
  if (text('maximum')) notes.push(`maximum ${escapeHtml(text('maximum')!)}`);
  if (schema['additionalProperties'] === false) notes.push('no other fields');
  return notes;
}

/** Enough Markdown for the document's descriptions: paragraphs, `- ` lists, `code` and **bold**. */
function markdown(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((block) => {
      const lines = block.split('\n');
      if (lines.every((l) => /^\s*- /.test(l))) return `<ul>${lines.map((l) => `<li>${markdownInline(l.replace(/^\s*- /, ''))}</li>`).join('')}</ul>`;
      return `<p>${markdownInline(block)}</p>`;
    })
    .join('\n');
}

function markdownInline(text: string): string {
  // Odd segments are code spans; only the others get **bold**. Everything is escaped first.
  return text
    .split('`')
    .map((segment, i) => (i % 2 === 1 ? `<code>${escapeHtml(segment)}</code>` : escapeHtml(segment).replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')))
    .join('');
}

function schemaAt(schema: JsonSchema, ...path: string[]): JsonSchema | undefined {
  let node: unknown = schema;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'object' && node !== null ? (node as JsonSchema) : undefined;
}

function asRecord(value: unknown): JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonSchema) : {};
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
