import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureChromium } from './chromium';

/**
 * The machine's headless Chromium through playwright-core, one context (its
 * own storage, so its own session) per user of a test.
 */
export class PortalBrowser {
  private constructor(private readonly browser: Browser, readonly baseUrl: string) {}

  static async launch(baseUrl: string): Promise<PortalBrowser> {
    const executablePath = await ensureChromium();
    // --no-sandbox: the tests run as root in CI containers, where Chromium's sandbox cannot start.
    const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
    return new PortalBrowser(browser, baseUrl);
  }

  /** A fresh user at 1280 × 800 (the portal's desktop target), in Chinese. */
  async user(viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 1 });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    return { context, page };
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}

/** Signs in with the portal's local sign-in as an administrator, or as the enterprise named. */
export async function signIn(page: Page, baseUrl: string, as: { role: 'park-admin' } | { role: 'enterprise'; enterpriseId: string }): Promise<void> {
  await page.goto(`${baseUrl}/portal/`);
  await page.getByTestId('sign-in-role').selectOption(as.role);
  if (as.role === 'enterprise') {
    // The list is loaded once the role is chosen.
    await page.locator(`[data-testid="sign-in-enterprise"] option[value="${as.enterpriseId}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('sign-in-enterprise').selectOption(as.enterpriseId);
  }
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('who').waitFor();
}
