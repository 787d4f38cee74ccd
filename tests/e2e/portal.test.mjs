// The citizen portal in a real browser: a citizen reports a problem (an error first, then a
// service question answered) and tracks it by reference, with JavaScript on and off; every
// portal page passes axe. Run by ctest (label e2e): FRONTDOOR_BINARY names the server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser } from './support/harness.mjs';
import { checkPage, expectSecureHeaders } from './support/browser.mjs';

const e2e = useServerAndBrowser();

for (const javaScript of [true, false]) {
  const mode = javaScript ? 'js' : 'nojs';

  describe(`citizen journey (JavaScript ${javaScript ? 'on' : 'off'})`, () => {
    test('reports a missed bin, fixes an error, and tracks it', async () => {
      const { context, page } = await e2e.openPage({ javaScript });
      const start = await page.goto(e2e.url + '/');
      assert.equal(start.status(), 200);
      await expectSecureHeaders(start);
      if (javaScript) {
        assert.match(await page.getAttribute('body', 'class'), /govuk-frontend-supported/);
      }
      await checkPage(page, `${mode}-01-start`);

      await page.fill('#q', 'missed bin');
      await page.click('button:has-text("Search")');
      await page.waitForURL(/\?q=missed/);
      await checkPage(page, `${mode}-02-search`);
      await page.click('a[href="/services/missed-bin"]');
      await page.waitForURL(/\/services\/missed-bin$/);
      await checkPage(page, `${mode}-03-service`);

      // First attempt: a description but no answer to a required question and no place.
      await page.fill('#description', 'Black bin not emptied this week');
      await page.click('button:has-text("Send report")');
      await page.locator('.govuk-error-summary').waitFor();
      assert.match(await page.title(), /^Error: /);
      const summary = await page.locator('.govuk-error-summary__list').innerText();
      assert.match(summary, /Select an answer/);
      assert.match(summary, /Enter the address or postcode/);
      assert.equal(await page.inputValue('#description'), 'Black bin not emptied this week',
                   'what was typed is kept');
      await checkPage(page, `${mode}-04-errors`);
      await page.click('.govuk-error-summary__list a[href="#address"]');

      await page.check('#attribute-bin-type');
      await page.check('#attribute-out-by-7am');
      await page.fill('#address', '12 Castle Street, Belfast');
      await page.fill('#postcode', 'BT1 1AA');
      await page.fill('#email', `citizen-${mode}@example.com`);
      await page.click('button:has-text("Send report")');
      await page.waitForURL(/\/requests\/[^/]+\/confirmation$/);
      const reference = (await page.locator('#reference').innerText()).trim();
      assert.match(reference, /^BCC-\d{2}-\d{6}$/);
      assert.match(await page.locator('main').innerText(), /by \d{1,2}(:\d\d)?(am|pm) on \w+day \d{1,2} \w+ \d{4}|by (midday|midnight) on/);
      await checkPage(page, `${mode}-05-confirmation`);

      await page.click('a:has-text("Track this request")');
      await page.waitForURL(/\/track\?reference=/);
      assert.match(await page.locator('h1').innerText(), /Missed bin collection/);
      assert.match(await page.locator('.govuk-summary-list').innerText(), /Received/);
      await checkPage(page, `${mode}-06-track`);

      // An unknown reference is a form error, not a 404 page.
      await page.goto(e2e.url + '/track');
      await page.fill('#reference', 'BCC-26-999999');
      await page.click('button:has-text("Find request")');
      await page.locator('.govuk-error-summary').waitFor();
      assert.match(await page.locator('#reference-error').innerText(), /cannot find a request/);
      await checkPage(page, `${mode}-07-track-unknown`);
      await context.close();
    });
  });
}

describe('every portal page', () => {
  test('passes axe in English and Irish', async () => {
    const { context, page } = await e2e.openPage({ javaScript: true });
    const pages = [
      ['/', 'start'], ['/?q=graffiti', 'search'], ['/services/missed-bin', 'service'],
      ['/services/pothole', 'signposted'],
      ['/track', 'track'], ['/charter', 'charter'], ['/accessibility', 'accessibility'],
      ['/privacy', 'privacy'], ['/cookies', 'cookies'],
    ];
    for (const [path, name] of pages) {
      const response = await page.goto(e2e.url + path);
      assert.equal(response.status(), 200, path);
      await checkPage(page, `page-en-${name}`);
    }
    // The language link is remembered: every later page is in Irish.
    await page.goto(e2e.url + '/?lang=ga');
    assert.equal(await page.getAttribute('html', 'lang'), 'ga');
    for (const [path, name] of pages) {
      await page.goto(e2e.url + path);
      assert.equal(await page.getAttribute('html', 'lang'), 'ga', path);
      await checkPage(page, `page-ga-${name}`);
    }
    const missing = await page.goto(e2e.url + '/no/such/page');
    assert.equal(missing.status(), 404);
    await checkPage(page, 'page-ga-not-found');
    await context.close();
  });

  test('a form posted without its CSRF token is refused', async () => {
    const response = await fetch(e2e.url + '/services/missed-bin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'description=forged&address=somewhere',
    });
    assert.equal(response.status, 403);
    assert.match(await response.text(), /Your form could not be sent/);
  });
});
