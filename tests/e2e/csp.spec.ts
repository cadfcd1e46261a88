/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, so they see DOM types.
import { expect, test } from './fixtures';

test('the built page loads under the strict CSP without console errors', async ({ page, webHost, consoleErrors }) => {
  const response = await page.goto(webHost.url);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  await expect(page.getByRole('heading', { name: 'No registries yet' })).toBeVisible();
  // Styles came from the stylesheet file, not inline: the body font is the app's, not the default serif.
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('system-ui');
  // The app talks over its socket: the registry list loaded, so the connect-src allows it.
  await expect(page.getByText('Loading…')).toBeHidden();
  expect(consoleErrors).toEqual([]);
});

test('the page refuses an injected inline script (the CSP is enforced, not just sent)', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  await expect(page.getByRole('heading', { name: 'No registries yet' })).toBeVisible();
  const violation = page.waitForEvent('console', (message) => /Content Security Policy/i.test(message.text()));
  const ran = await page.evaluate(() => {
    const w = window as unknown as { injected?: boolean };
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    return w.injected === true;
  });
  expect(ran).toBe(false);
  expect((await violation).text()).toMatch(/script-src/);
});
