// Staff search in a real browser, with JavaScript on and off: the search box in the staff
// navigation opens /staff/search with case and customer hits, a case hit opens the case,
// and the page (with results, with its error summary) passes axe. Demo data from
// `seed --demo`; the case index loads in the background, so the first search may say so.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser } from './support/harness.mjs';
import { checkPage } from './support/browser.mjs';
import { STAFF_PASSWORD as PASSWORD } from './support/staff.mjs';

const e2e = useServerAndBrowser();

async function signIn(page, email) {
  await page.goto(e2e.url + '/staff/sign-in');
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.click('button:has-text("Sign in")');
  await page.waitForURL(/\/staff$/);
}

for (const javaScript of [true, false]) {
  const mode = javaScript ? 'js' : 'nojs';
  describe(`staff search (JavaScript ${javaScript ? 'on' : 'off'})`, () => {
    test('the navigation search box finds cases and opens one', async () => {
      const { context, page } = await e2e.openPage({ javaScript });
      await signIn(page, 'agent@frontdoor.example');
      await page.fill('#staff-nav-search', 'bin');
      await page.click('nav form[role="search"] button');
      await page.waitForURL(/\/staff\/search\?q=bin$/);
      // The index loads while the server answers: wait for it, as a person would.
      for (let tries = 0; tries < 60; tries += 1) {
        if (await page.locator('a[href^="/staff/cases/"]').count() > 0) {
          break;
        }
        await page.waitForTimeout(500);
        await page.reload();
      }
      const hits = page.locator('table a[href^="/staff/cases/"]');
      assert.ok(await hits.count() > 0, 'no case found for "bin"');
      await checkPage(page, `search-${mode}-results`);
      const href = await hits.first().getAttribute('href');
      await hits.first().click();
      await page.waitForURL(new RegExp(href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$'));
      await context.close();
    });

    test('an empty search shows the error summary', async () => {
      const { context, page } = await e2e.openPage({ javaScript });
      await signIn(page, 'officer@frontdoor.example');
      const response = await page.goto(e2e.url + '/staff/search?q=+');
      assert.equal(response.status(), 422);
      await page.locator('.govuk-error-summary').waitFor();
      assert.match(await page.title(), /^Error: /);
      await checkPage(page, `search-${mode}-error`);
      await context.close();
    });
  });
}
