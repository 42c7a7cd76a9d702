import { PUBLIC_EVENT_TYPES, EventCatalog } from '../event-catalog';
import { TopicSpecs } from '../topics';
import { buildAsyncApiDocument, USAGE_RECORD_MESSAGE_ID } from './asyncapi-document';
import { renderAsyncApiHtml } from './asyncapi-html';
import type { AsyncApiDocument } from './asyncapi.types';

/** The text of one message's article. */
function articleOf(html: string, messageId: string): string {
  const start = html.indexOf(`<article id="message-${messageId}">`);
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</article>', start));
}

describe(renderAsyncApiHtml.name, () => {
  const doc = buildAsyncApiDocument();
  const sut = renderAsyncApiHtml(doc);

  it('is one HTML page with the title and the contract', () => {
    expect(sut.startsWith('<!doctype html>')).toBe(true);
    expect(sut).toContain('<title>Valley park event stream</title>');
    expect(sut).toContain('At least once');
    expect(sut).toContain('<code>&lt;topic&gt;.dlq</code>');
  });

  it('says how a partner connects: SCRAM-SHA-512, its own group prefix', () => {
    const connecting = sut.slice(sut.indexOf('<section id="connecting">'), sut.indexOf('</section>', sut.indexOf('<section id="connecting">')));
    expect(connecting).toContain('SASL/SCRAM-SHA-512');
    expect(connecting).toContain('&lt;your user name&gt;.');
  });

  it('lists every topic in the channels table', () => {
    const channels = sut.slice(sut.indexOf('<section id="channels">'), sut.indexOf('<section id="operations">'));
    for (const spec of TopicSpecs) expect(channels).toContain(`<code>${spec.name}</code>`);
    expect(channels).toContain('<td>forever</td>');
    expect(channels).toContain('<td>90 days</td>');
    expect(channels).toContain('partner carriers');
  });

  it.each(PUBLIC_EVENT_TYPES)('documents %s: description, every data field, headers and the example', (type) => {
    const article = articleOf(sut, type);
    expect(article).toContain(EventCatalog[type].description.replace(/'/g, '&#39;'));
    for (const field of Object.keys(EventCatalog[type].schema.properties)) expect(article).toContain(`<code>${field}</code>`);
    expect(article).toContain('<code>correlation-id</code>');
    expect(article).toContain(`&quot;type&quot;: &quot;${type}&quot;`);
  });

  it('documents the carriers\' usage record', () => {
    const article = articleOf(sut, USAGE_RECORD_MESSAGE_ID);
    for (const field of ['recordId', 'carrierId', 'enterpriseId', 'windowStart', 'windowEnd', 'bytesIn', 'bytesOut']) expect(article).toContain(`<code>${field}</code>`);
    expect(article).toContain('integer | string');
  });

  it('escapes the text it is given', () => {
    const hostile = JSON.parse(JSON.stringify(doc)) as { info: { description: string }; components: { messages: Record<string, { description: string; summary: string }> } };
    hostile.info.description = 'Partners <script>alert("x")</script> & `<b>`';
    hostile.components.messages['valley.enterprise.approved.v1']!.description = '<img src=x onerror=alert(1)>';
    hostile.components.messages['valley.enterprise.approved.v1']!.summary = '</td></tr></table><script>';

    const html = renderAsyncApiHtml(hostile as unknown as AsyncApiDocument);

    expect(html).toContain('Partners &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <code>&lt;b&gt;</code>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|<img/i);
  });

  it('loads nothing from elsewhere: no script, stylesheet link, image or absolute URL', () => {
    expect(sut).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
    expect(sut).not.toMatch(/https?:\/\//i);
    const targets = [...sut.matchAll(/\b(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);
    expect(targets.filter((t) => !t.startsWith('#') && t !== 'asyncapi.json')).toEqual([]);
  });
});
