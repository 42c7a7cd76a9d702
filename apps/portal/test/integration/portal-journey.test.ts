import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Identity } from '@valley/platform';
import { waitFor } from '@valley/testing';
import { REPO_ROOT } from '../../../../infra/local/paths';
import { application, freshUscc, GB, midMonth, shanghaiMonth } from '../../../gateway/test/support/journey-data';
import { admin, Park } from '../../../gateway/test/support/park';
import { formatYuanCompact } from '../../src/format/money.format';
import { FakeOidcProvider } from '../support/fake-oidc-provider';
import { ensurePortalBuild } from '../support/portal-build';
import { PortalBrowser, signIn } from '../support/portal-browser';

/**
 * The README's screenshots: saved under .valley on every run, so `npm test` leaves the
 * checkout clean; `npm run screenshots:update` (VALLEY_UPDATE_SCREENSHOTS=1) writes the committed ones.
 */
const SCREENSHOTS = path.join(REPO_ROOT, process.env['VALLEY_UPDATE_SCREENSHOTS'] === '1' ? 'docs/screenshots' : '.valley/portal-test-screenshots');
/** Every page as the test saw it (not committed): for looking at after a run. */
const PAGE_SHOTS = path.join(REPO_ROOT, '.valley/portal-test-pages');
const DASHBOARD = `{ parkDashboard { residentCount revenueTotals { revenueFen inputFen multiplier enterprises } } }`;
type Dashboard = { parkDashboard: { residentCount: number; revenueTotals: { revenueFen: string; inputFen: string; multiplier: string | null; enterprises: number } } };

/**
 * The management portal in the machine's headless Chromium against the whole
 * platform (four services on the real Kafka and PostgreSQL, the gateway
 * serving the Vite build): the issue's four journeys, one park shared by all.
 */
describe('the management portal in a real browser', () => {
  let park: Park;
  let browser: PortalBrowser;
  let base = '';
  let adminPage: Page;
  let residentPage: Page;
  const lastMonth = shanghaiMonth(-1);
  const applicant: Identity = { subject: `applicant-${randomUUID()}`, role: 'enterprise' };
  let applied = { id: '', name: '' };
  let resident = { id: '', name: '' };
  let stale = '';
  let oidc: FakeOidcProvider | undefined;
  let prodBase = '';
  const started = Date.now();

  const by = (testId: string, attributes: Record<string, string> = {}) => `[data-testid="${testId}"]${Object.entries(attributes).map(([k, v]) => `[data-${k}="${v}"]`).join('')}`;

  beforeAll(async () => {
    // The build (CPU) beside the services' start (mostly waiting on Kafka and PostgreSQL).
    const [portalDir, started] = await Promise.all([ensurePortalBuild(), Park.start()]);
    park = started;
    await park.startGateway({ PORTAL_DIR: portalDir });
    base = park.gateway!.url.replace(/\/graphql$/, '');
    browser = await PortalBrowser.launch(base);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });

    await park.ok('mutation P($input: CreatePoolInput!) { createPool(input: $input) { id } }', { input: { name: '太原数据中心一号池', region: 'taiyuan', capacityMbps: 10_000, monthlyTrafficCapBytes: '0', costPriceFenPerGb: '800' } }, admin);
    await park.ok('mutation C($name: String!, $terms: PlanTermsInput!) { createPlan(name: $name, terms: $terms) { id } }', { name: '直播 100M', terms: { bandwidthMbps: 100, monthlyIncludedBytes: (10n * GB).toString(), parkPriceFenPerGb: '3000', marketPriceFenPerGb: '12000', overagePolicy: 'bill' } }, admin);

    // A resident admitted two months back (as the park's existing residents arrive), with last month's usage billed.
    const uscc = freshUscc();
    const row = { line: 1, uscc, name: `晋数电竞-${uscc.slice(-4)}`, legalRepresentative: '赵六', contactPhone: '13987654321', contactEmail: 'esports@example.cn', industry: 'esports', registeredCapitalFen: '100000000', plannedBandwidthMbps: '50', plannedMonthlyTrafficBytes: '1099511627776', headcount: '12', admittedMonth: shanghaiMonth(-2) };
    await park.ok('mutation I($rows: [ImportRowInput!]!) { importResidents(rows: $rows) { imported } }', { rows: [row] }, admin);
    resident = { id: (await park.ok<{ enterpriseByUscc: { id: string } }>('query U($u: String!) { enterpriseByUscc(uscc: $u) { id } }', { u: uscc }, admin)).enterpriseByUscc.id, name: row.name };

    // Applications waiting in the queue: the one the administrator approves, and two more.
    const submit = (who: Identity, industry: string, name: string) =>
      park.ok<{ submitEnterpriseApplication: { id: string } }>('mutation S($input: SubmitApplicationInput!) { submitEnterpriseApplication(input: $input) { id } }', { input: application(industry, { name }) }, who);
    applied = { id: (await submit(applicant, 'live-commerce', '晋数直播电商有限公司')).submitEnterpriseApplication.id, name: '晋数直播电商有限公司' };
    await submit({ subject: `applicant-${randomUUID()}`, role: 'enterprise' }, 'ai-models', '太行智算大模型科技');
    stale = (await submit({ subject: `applicant-${randomUUID()}`, role: 'enterprise' }, 'coal', '汾河煤业数字化转型公司')).submitEnterpriseApplication.id;

    adminPage = (await browser.user()).page;
    residentPage = (await browser.user()).page;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await park?.stop();
    await oidc?.stop();
    process.stderr.write(`portal browser tests: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  });

  it('an administrator approves an application from the onboarding queue and sees its allocation appear', async () => {
    await signIn(adminPage, base, { role: 'park-admin' });
    await adminPage.getByTestId('nav-onboarding').click();
    const row = adminPage.locator(by('queue-row', { 'enterprise-id': applied.id }));
    await row.waitFor();
    expect(await adminPage.locator(by('queue-row')).count()).toBe(3);
    await adminPage.screenshot({ path: path.join(SCREENSHOTS, 'onboarding-queue.png') });

    await row.getByRole('link').click();
    await adminPage.getByTestId('action-takeIntoReview').click();
    await adminPage.locator(by('enterprise-status', { value: 'under_review' })).waitFor();
    await adminPage.getByTestId('action-approve').click();
    await adminPage.locator(by('enterprise-status', { value: 'approved' })).waitFor();
    // The allocation arrives through Kafka (enterprise → provisioning); the page looks again until it is there.
    await adminPage.locator(by('allocation-status', { value: 'active' })).waitFor({ timeout: 60_000 });
    expect(await adminPage.getByTestId('allocation-bandwidth').textContent()).toBe('100');
    const { allocations } = await park.ok<{ allocations: Array<{ status: string; bandwidthMbps: number }> }>('query A($e: ID) { allocations(enterpriseId: $e) { status bandwidthMbps } }', { e: applied.id }, admin);
    expect(allocations).toEqual([{ status: 'active', bandwidthMbps: 100 }]);
  });

  it('an enterprise submits its monthly revenue report and sees it accepted', async () => {
    // Last month's data-element input: 4 GB at 30 yuan = 120 yuan, billed when the month closes.
    await waitFor('the resident\'s allocation', async () => (await park.ok<{ allocations: Array<{ status: string }> }>('query A($e: ID) { allocations(enterpriseId: $e) { status } }', { e: resident.id }, admin)).allocations[0]?.status === 'active', { timeoutMs: 60_000, intervalMs: 200 });
    const start = midMonth(lastMonth);
    await park.ok('mutation U($r: [UsageRecordInput!]!) { uploadUsageRecords(records: $r) { accepted } }', { r: [{ recordId: randomUUID(), carrierId: 'carrier-portal', enterpriseId: resident.id, windowStart: start.toISOString(), windowEnd: new Date(start.getTime() + 300_000).toISOString(), bytesIn: (2n * GB).toString(), bytesOut: (2n * GB).toString() }] }, admin);
    await waitFor('4 GB counted last month', async () => (await park.ok<{ usage: { usedBytes: string } }>('query U($e: ID!, $m: String!) { usage(enterpriseId: $e, month: $m) { usedBytes } }', { e: resident.id, m: lastMonth }, admin)).usage.usedBytes === (4n * GB).toString(), { timeoutMs: 60_000, intervalMs: 200 });
    await park.ok('mutation C($m: String!) { closeMonth(month: $m) { closed } }', { m: lastMonth }, admin);

    await signIn(residentPage, base, { role: 'enterprise', enterpriseId: resident.id });
    await residentPage.getByTestId('nav-mine-reports').click();
    await residentPage.getByTestId('report-month').selectOption(lastMonth);
    await residentPage.getByTestId('report-revenue').fill('960');
    await residentPage.getByTestId('report-tax').fill('50.00');
    await residentPage.getByTestId('report-employees').fill('12');
    await residentPage.getByTestId('report-local-hires').fill('10');
    await residentPage.getByTestId('report-submit').click();
    await residentPage.getByTestId('report-submitted').waitFor();
    const myRow = residentPage.locator(by('my-report-row', { month: lastMonth }));
    await myRow.locator(by('my-report-status', { value: 'submitted' })).waitFor();

    // The administrator reviews the month and accepts it.
    await adminPage.getByTestId('nav-revenue').click();
    const reportRow = adminPage.locator(by('report-row', { 'enterprise-id': resident.id }));
    await reportRow.getByTestId('report-accept').click();
    await reportRow.locator(by('report-status', { value: 'accepted' })).waitFor();

    await residentPage.getByTestId('reports-refresh').click();
    await myRow.locator(by('my-report-status', { value: 'accepted' })).waitFor();
    expect(await myRow.textContent()).toContain('960.00 元');
    await residentPage.screenshot({ path: path.join(SCREENSHOTS, 'enterprise-reports.png') });
    await adminPage.screenshot({ path: path.join(SCREENSHOTS, 'revenue-review.png') });
    const { revenueReport } = await park.ok<{ revenueReport: { status: string; versions: Array<{ revenueFen: string; taxFen: string }> } }>('query R($e: ID!, $m: String!) { revenueReport(enterpriseId: $e, month: $m) { status versions { revenueFen taxFen } } }', { e: resident.id, m: lastMonth }, admin);
    expect(revenueReport).toEqual({ status: 'accepted', versions: [{ revenueFen: '96000', taxFen: '5000' }] });
  });

  it('the dashboard shows the gateway\'s figures and takes live updates from the feed', async () => {
    // Revenue pairs the accepted report with provisioning's charge event: wait until the gateway has the pair.
    const figures = await waitFor('the multiplier through the gateway', async () => {
      const d = (await park.ok<Dashboard>(DASHBOARD, {}, admin)).parkDashboard;
      return d.revenueTotals.revenueFen === '96000' && d.revenueTotals.inputFen === '12000' ? d : undefined;
    }, { timeoutMs: 60_000, intervalMs: 200 });
    await adminPage.getByTestId('nav-dashboard').click();
    await adminPage.locator(by('live-state', { connected: 'true' })).waitFor();
    const text = async (testId: string) => (await adminPage.getByTestId(testId).textContent())?.trim();
    expect(await text('figure-residents')).toBe(String(figures.residentCount));
    expect(figures.residentCount).toBe(2);
    expect(await text('figure-revenue')).toBe(formatYuanCompact(figures.revenueTotals.revenueFen, 'zh'));
    expect(await text('figure-revenue')).toBe('960.00 元');
    expect(await text('figure-input')).toBe('120.00 元');
    expect(await text('figure-multiplier')).toBe(figures.revenueTotals.multiplier);
    expect(figures.revenueTotals.multiplier).toBe('8.00');
    // Four ECharts canvases drawn.
    expect(await adminPage.locator('[data-testid^="chart-"] canvas').count()).toBe(4);

    // A new application reaches the open dashboard through the live feed.
    const name = `晋数虚拟人工作室-${randomUUID().slice(0, 4)}`;
    await park.ok('mutation S($input: SubmitApplicationInput!) { submitEnterpriseApplication(input: $input) { id } }', { input: application('virtual-human', { name }) }, { subject: `applicant-${randomUUID()}`, role: 'enterprise' });
    await adminPage.locator(by('live-item'), { hasText: name }).waitFor({ timeout: 30_000 });
    await adminPage.waitForTimeout(1200); // the debounced refresh after the event, so the screenshot shows settled charts
    await adminPage.screenshot({ path: path.join(SCREENSHOTS, 'dashboard.png'), fullPage: true });

    // On a tablet (iPad, portrait), the same page in one column.
    const tablet = await browser.user({ width: 820, height: 1180 });
    await signIn(tablet.page, base, { role: 'park-admin' });
    await tablet.page.locator(by('figure-multiplier')).waitFor();
    expect(await tablet.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(820);
    await tablet.context.close();
  });

  it('opens every page of both roles without an error', async () => {
    await park.ok('mutation C($input: ProgramInput!) { createProgram(input: $input) { id } }', { input: { name: '直播电商运营训练营', track: 'live-commerce-operations', description: '直播间运营、供应链与数据分析', capacity: 30, startsOn: '2026-09-01', endsOn: '2026-12-20', sponsorEnterpriseIds: [resident.id] } }, admin);
    const visit = async (page: Page, nav: string) => {
      await page.getByTestId(`nav-${nav}`).click();
      // A function, not a string: the portal's CSP forbids eval.
      await page.waitForFunction(() => !(globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText.includes('加载中'));
      expect({ nav, errors: await page.getByTestId('error-notice').allTextContents() }).toEqual({ nav, errors: [] });
      await page.screenshot({ path: path.join(PAGE_SHOTS, `${nav}.png`), fullPage: true });
    };
    fs.mkdirSync(PAGE_SHOTS, { recursive: true });
    for (const nav of ['residents', 'provisioning', 'talent', 'revenue', 'partners', 'onboarding', 'dashboard']) await visit(adminPage, nav);
    await adminPage.getByTestId('nav-provisioning').click();
    await adminPage.getByRole('button', { name: '查看用量' }).first().click();
    await adminPage.getByTestId('usage').getByText('已用').waitFor();
    // A resident's page for administrators: its reports too.
    await adminPage.goto(`${base}/portal/enterprises/${resident.id}`);
    await adminPage.getByText('960.00 元').first().waitFor();
    expect(await adminPage.getByTestId('error-notice').count()).toBe(0);
    for (const nav of ['mine', 'mine-talent', 'mine-reports']) await visit(residentPage, nav);
    expect(await residentPage.getByTestId('mine-talent').count()).toBe(0);
    await residentPage.getByTestId('nav-mine-talent').click();
    await residentPage.getByText('直播电商运营训练营').waitFor();
  });

  it('an administrator registers a bank partner, sees its password once, rotates and revokes it, and reads its audit trail', async () => {
    const name = `晋商银行数据服务部-${randomUUID().slice(0, 4)}`;
    await adminPage.getByTestId('nav-partners').click();
    await adminPage.getByTestId('partner-name').fill(name);
    await adminPage.getByTestId('partner-kind').selectOption('bank');
    await adminPage.locator('[data-topic="valley.flow.charges.v1"]').check();
    await adminPage.locator('[data-topic="valley.revenue.reports.v1"]').check();
    await adminPage.getByTestId('partner-submit').click();

    // The password, once, with the warning; gone from the page when the panel closes.
    const panel = adminPage.getByTestId('partner-credentials');
    const shownPassword = async () => (await panel.getByTestId('partner-credentials-password').textContent()) ?? '';
    const password = await shownPassword();
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(await panel.getByTestId('partner-credentials-mechanism').textContent()).toBe('SCRAM-SHA-512');
    expect(await panel.getByTestId('partner-credentials-warning').textContent()).toContain('关闭后无法再次查看');
    // The test park's Kafka enforces its ACLs: no "local mode" note.
    expect(await panel.getByTestId('partner-credentials-open-broker').count()).toBe(0);
    await panel.getByTestId('partner-credentials-close').click();
    await panel.waitFor({ state: 'detached' });
    expect(await adminPage.content()).not.toContain(password);

    const row = adminPage.locator(by('partner-row')).filter({ hasText: name });
    await row.locator(by('partner-status', { value: 'active' })).waitFor();
    expect(await row.textContent()).toContain('valley.flow.charges.v1');
    expect(await row.textContent()).toContain('valley.revenue.reports.v1');

    // New credentials: a different password, shown once too.
    await adminPage.getByTestId('partner-rotate').click();
    await adminPage.getByTestId('partner-rotate-confirm').click();
    const rotated = await shownPassword();
    expect(rotated.length).toBeGreaterThanOrEqual(32);
    expect(rotated).not.toBe(password);
    await panel.getByTestId('partner-credentials-close').click();
    await panel.waitFor({ state: 'detached' });
    expect(await adminPage.content()).not.toContain(rotated);

    await adminPage.getByTestId('partner-revoke').click();
    await adminPage.getByTestId('partner-revoke-reason').fill('合作协议到期');
    await adminPage.getByTestId('partner-revoke-confirm').click();
    await row.locator(by('partner-status', { value: 'revoked' })).waitFor();
    expect(await adminPage.getByTestId('partner-revoked-reason').textContent()).toBe('合作协议到期');
    const audit = adminPage.locator(by('partner-audit-row'));
    expect(await Promise.all((await audit.all()).map((r) => r.getAttribute('data-action')))).toEqual(['registered', 'credentials-rotated', 'revoked']);
    expect(await adminPage.getByTestId('partner-rotate').count()).toBe(0);
    await adminPage.screenshot({ path: path.join(SCREENSHOTS, 'partners.png'), fullPage: true });
  });

  it('an enterprise cannot reach another enterprise\'s pages, nor the administrators\'', async () => {
    // Its own navigation only.
    expect(await residentPage.getByTestId('nav-dashboard').count()).toBe(0);
    // A forged URL with another enterprise's id: a clean "no access", and nothing of the other enterprise.
    await residentPage.goto(`${base}/portal/enterprises/${applied.id}`);
    await residentPage.getByTestId('no-access').waitFor();
    expect(await residentPage.getByTestId('no-access').textContent()).toContain('无权访问');
    for (const forged of ['/portal/dashboard', '/portal/onboarding', '/portal/revenue', '/portal/partners']) {
      await residentPage.goto(`${base}${forged}`);
      await residentPage.getByTestId('no-access').waitFor();
    }
    expect(await residentPage.content()).not.toContain(applied.name);
    // Its own id in the same URL is its own page.
    await residentPage.goto(`${base}/portal/enterprises/${resident.id}`);
    expect((await residentPage.getByTestId('mine-name').textContent())?.startsWith(resident.name)).toBe(true);
    // And the gateway refuses the data too, however it is asked for.
    const probe = await park.graphql('query E($id: ID!) { enterprise(id: $id) { name } }', { id: applied.id }, { subject: 'u', role: 'enterprise', enterpriseId: resident.id });
    expect(probe.errors?.[0]?.extensions['code']).toBe('NOT_FOUND');
  });

  it('shows gateway errors as readable sentences, in Chinese and in English', async () => {
    // An administrator acts on a page gone stale: meanwhile another administrator rejected the application.
    await adminPage.goto(`${base}/portal/enterprises/${stale}`);
    await adminPage.getByTestId('action-takeIntoReview').waitFor();
    await park.ok('mutation T($id: ID!) { takeApplicationIntoReview(enterpriseId: $id) { id } }', { id: stale }, admin);
    await park.ok('mutation R($id: ID!) { rejectEnterprise(enterpriseId: $id, reason: "材料不全") { id } }', { id: stale }, admin);
    await adminPage.getByTestId('action-takeIntoReview').click();
    const notice = adminPage.getByTestId('error-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toBe('当前状态下不能执行此操作（已驳回 → 审核中）。INVALID_TRANSITION');
    await adminPage.getByTestId('lang-switch').click();
    expect(await notice.textContent()).toBe('Not possible in the current state (Rejected → Under review).INVALID_TRANSITION');

    // A token the gateway does not accept (a forged signature): UNAUTHENTICATED, back to the sign-in with the reason.
    await adminPage.evaluate(`sessionStorage.setItem('valley.portal.session', JSON.stringify({ token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzb21lb25lIiwicm9sZSI6InBhcmstYWRtaW4iLCJleHAiOjQxMDI0NDQ4MDB9.Zm9yZ2Vk', source: 'local' }))`);
    await adminPage.goto(`${base}/portal/dashboard`);
    await adminPage.getByTestId('local-sign-in').waitFor();
    expect(await adminPage.locator('body').textContent()).toContain('Your session has expired; please sign in again.');
    await adminPage.getByTestId('lang-switch').click();
    expect(await adminPage.locator('body').textContent()).toContain('登录已过期，请重新登录。');
    expect(await adminPage.locator('body').textContent()).not.toMatch(/extensions|"code"|\{/);
  });

  it('the local sign-in issues tokens for a role and refuses nonsense; a production gateway has no such route', async () => {
    const mint = (g: string, body: unknown) => fetch(`${g}/portal/api/local-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const ok = await mint(base, { role: 'enterprise', enterpriseId: resident.id });
    expect(ok.status).toBe(200);
    const { token } = (await ok.json()) as { token: string };
    expect((await park.graphql<{ enterprise: { id: string } }>('query E($id: ID!) { enterprise(id: $id) { id } }', { id: resident.id }, { token })).data?.enterprise.id).toBe(resident.id);
    expect((await mint(base, { role: 'root' })).status).toBe(400);
    expect((await mint(base, { role: 'park-admin', enterpriseId: resident.id })).status).toBe(400);
    expect(await (await fetch(`${base}/portal/config.json`)).json()).toEqual({ signIn: ['local'], production: false });
    expect((await fetch(`${base}/`, { redirect: 'manual' })).headers.get('location')).toBe('/portal/');
    expect((await fetch(`${base}/portal`, { redirect: 'manual' })).status).toBe(301);
    expect((await fetch(`${base}/portal/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/portal/api/unknown`)).status).toBe(404);

    await park.stopGateway();
    oidc = await FakeOidcProvider.start({ claims: { role: 'park-admin' }, audience: 'valley-portal' });
    const production = await park.startGateway({ NODE_ENV: 'production', PORTAL_DIR: path.join(REPO_ROOT, '.valley', 'portal-test'), GATEWAY_JWKS_URL: oidc.jwksUrl, GATEWAY_JWT_ISSUER: oidc.issuer, PORTAL_OIDC_ISSUER: oidc.issuer, PORTAL_OIDC_CLIENT_ID: 'valley-portal-spa' });
    prodBase = production.url.replace(/\/graphql$/, '');
    expect((await mint(prodBase, { role: 'park-admin' })).status).toBe(404);
    expect(await (await fetch(`${prodBase}/portal/config.json`)).json()).toEqual({ signIn: ['oidc'], oidc: { issuer: oidc.issuer, clientId: 'valley-portal-spa', scope: 'openid profile' }, production: true });
    // The page itself is still served, with its policy (the provider's origin allowed for the token exchange).
    const page = await fetch(`${prodBase}/portal/dashboard`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ws: wss: ${oidc.issuer}`);
  });

  it('signs in with the park\'s OIDC provider (authorization code + PKCE) on a production gateway', async () => {
    const { page, context } = await browser.user();
    await page.goto(`${prodBase}/portal/`);
    await page.getByTestId('sign-in-oidc').click();
    // Provider → /portal/callback → the code exchanged with its verifier → the administrator's dashboard, through the gateway's JWKS check.
    await page.getByTestId('figure-residents').waitFor().catch(async (err: unknown) => {
      throw new Error(`${String(err)}\npage: ${await page.locator('body').textContent()}\nexchanges: ${JSON.stringify(oidc?.exchanges)}`);
    });
    expect(await page.getByTestId('who').textContent()).toBe('园区管理员');
    expect(oidc?.exchanges).toEqual([{ verified: true }]);
    expect(new URL(page.url()).pathname).toBe('/portal/');
    await context.close();
  });
});
