// Debian's Chromium driven by playwright-core, and checkPage: axe-core against the WCAG 2.x
// A and AA rules (no violation allowed) plus a full-page screenshot kept as an artefact.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Where screenshots go: FRONTDOOR_E2E_ARTEFACTS (set by ctest to the build tree), else a
// folder beside the tests.
export function artefactsDir() {
  const dir = process.env.FRONTDOOR_E2E_ARTEFACTS ||
    path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'artefacts');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

const withoutJavaScript = new WeakSet();

// A new context with JavaScript on or off; each journey runs in both.
export async function newContext(browser, { javaScript }) {
  const context = await browser.newContext({ javaScriptEnabled: javaScript, locale: 'en-GB' });
  if (!javaScript) {
    withoutJavaScript.add(context);
  }
  return context;
}

// axe runs inside the page, which a context without JavaScript does not allow. Such a page
// is checked as it is: its HTML (a POST's answer cannot be fetched again) is served to a
// scripted page at the same address, whose stylesheets load from the server and whose own
// scripts are blocked, so it looks exactly as it did without JavaScript.
async function analyse(page) {
  if (!withoutJavaScript.has(page.context())) {
    return new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  }
  const html = await page.content();
  const url = page.url();
  const context = await page.context().browser().newContext({ locale: 'en-GB' });
  try {
    const twin = await context.newPage();
    await twin.route('**/*', (route) => {
      const requested = route.request().url();
      if (requested === url) {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      }
      if (requested.endsWith('.js')) {
        return route.abort();
      }
      return route.continue();
    });
    await twin.goto(url);
    return await new AxeBuilder({ page: twin }).withTags(WCAG_TAGS).analyze();
  } finally {
    await context.close();
  }
}

// Runs axe on the page (no violations of the WCAG A/AA rules) and saves a full-page
// screenshot named `name`.png. Returns the axe results.
export async function checkPage(page, name) {
  const file = path.join(artefactsDir(), `${name}.png`);
  try {
    await page.screenshot({ path: file, fullPage: true });
  } catch {
    // Chromium now and then refuses a capture ("Unable to capture screenshot") while other
    // browsers load the machine; a second attempt a moment later succeeds, and a second
    // failure still fails the test.
    await page.waitForTimeout(1000);
    await page.screenshot({ path: file, fullPage: true });
  }
  const results = await analyse(page);
  const summary = results.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  assert.deepEqual(summary, [], `axe found violations on ${name}:\n${summary.join('\n')}`);
  return results;
}

// The page must carry the strict Content-Security-Policy and no inline script.
export async function expectSecureHeaders(response) {
  const headers = response.headers();
  assert.match(headers['content-security-policy'] || '', /script-src 'self'/);
  assert.equal(headers['x-frame-options'], 'DENY');
  assert.equal(headers['x-content-type-options'], 'nosniff');
}
