// The knowledge base in a real browser, with JavaScript on and off: a citizen searches help
// with a typo, opens the article (in English and Irish) and says it answered the question;
// an agent logging a contact sees suggested articles while typing the summary (JavaScript
// on) or with the "Find articles" button (off), and searches the knowledge base. Every page
// passes axe. Demo articles and staff from `seed --demo`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser } from './support/harness.mjs';
import { checkPage, expectSecureHeaders } from './support/browser.mjs';
import { STAFF_PASSWORD as PASSWORD } from './support/staff.mjs';

const e2e = useServerAndBrowser({ cases: 20 });

for (const javaScript of [true, false]) {
  const mode = javaScript ? 'js' : 'nojs';

  describe(`help (JavaScript ${javaScript ? 'on' : 'off'})`, () => {
    test('a citizen finds an answer despite a typo and says it helped', async () => {
      const { context, page } = await e2e.openPage({ javaScript });
      await page.goto(e2e.url + '/');
      await page.click('.govuk-service-navigation a:has-text("Help and advice")');
      await page.waitForURL(/\/help$/);
      await checkPage(page, `${mode}-help-01-search`);
      assert.equal((await context.cookies()).some((c) => c.name === 'fd_help'), false,
                   'no help cookie before a search');

      await page.fill('#q', 'recyling');
      await page.click('form[role="search"] button:has-text("Search")');
      await page.waitForURL(/\/help\?q=recyling/);
      assert.match(await page.locator('#results').innerText(), /matching your search: \d+/);
      // The correction finds the recycling articles (not necessarily first: see the report).
      const first = page.locator('.app-help-results__item a', { hasText: /recycl/i }).first();
      assert.equal(await first.count(), 1, 'the typo is corrected');
      assert.ok(await page.locator('.app-help-results mark').count() > 0, 'highlighted');
      await checkPage(page, `${mode}-help-02-results`);
      const cookie = (await context.cookies()).find((c) => c.name === 'fd_help');
      assert.ok(cookie, 'the help session starts with a search');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');

      const href = await first.getAttribute('href');
      const opened = await Promise.all([page.waitForURL(e2e.url + href), first.click()]);
      assert.ok(opened);
      await expectSecureHeaders(await page.reload());
      assert.match(await page.locator('.govuk-body-s').first().innerText(), /Last updated/);
      await checkPage(page, `${mode}-help-03-article`);

      await page.goto(e2e.url + href + '?lang=ga');
      assert.match(await page.locator('#feedback-heading').innerText(), /Ar fhreagair/);
      await checkPage(page, `${mode}-help-04-article-ga`);
      await page.goto(e2e.url + href + '?lang=en');

      // Without an answer the error summary says what to do.
      await page.click('button:has-text("Send feedback")');
      await page.locator('.govuk-error-summary').waitFor();
      await checkPage(page, `${mode}-help-05-feedback-error`);
      await page.check('#helpful');
      await page.fill('#comment', 'Clear, thank you');
      await page.click('button:has-text("Send feedback")');
      await page.waitForURL(/feedback=sent/);
      assert.match(await page.locator('.app-feedback__thanks').innerText(),
                   /Thank you for your feedback/);
      await checkPage(page, `${mode}-help-06-thanks`);
      await context.close();
    });

    test('an agent sees suggested articles for a contact summary', async () => {
      const { context, page } = await e2e.openPage({ javaScript });
      await page.goto(e2e.url + '/staff/contacts/new');
      await page.waitForURL(/\/staff\/sign-in/);
      await page.fill('#email', 'agent@frontdoor.example');
      await page.fill('#password', PASSWORD);
      await page.click('button:has-text("Sign in")');
      await page.waitForURL(/\/staff\/contacts\/new$/);
      await page.fill('#first_name', 'Ann');
      const suggestions = page.locator('#article-suggestions li');
      if (javaScript) {
        // Typed as a person types: the list fills in after a pause, with no button pressed.
        await page.locator('#summary').pressSequentially('Caller asks about recycl', { delay: 30 });
        await suggestions.first().waitFor();
      } else {
        await page.fill('#summary', 'Caller asks about recycling');
        await page.click('button:has-text("Find articles")');
        await suggestions.first().waitFor();
        assert.equal(await page.inputValue('#first_name'), 'Ann', 'what was typed is kept');
        assert.equal(await page.inputValue('#summary'), 'Caller asks about recycling');
      }
      assert.match(await page.locator('#article-suggestions-status').innerText(),
                   /articles? suggested/);
      assert.match(await suggestions.first().innerText(), /recycl/i);
      await checkPage(page, `${mode}-help-07-contact-suggestions`);

      await page.goto(e2e.url + '/staff/knowledge');
      await checkPage(page, `${mode}-help-08-staff-search`);
      await page.fill('#q', 'bulky waste');
      await page.click('form[action="/staff/knowledge"] button:has-text("Search")');
      await page.waitForURL(/\/staff\/knowledge\?q=/);
      const staffOnly = page.locator('a[href="/staff/knowledge/staff-bulky-waste-bookings"]');
      assert.equal(await staffOnly.count(), 1, 'staff articles are found by staff');
      await checkPage(page, `${mode}-help-09-staff-results`);
      await staffOnly.click();
      await page.waitForURL(/\/staff\/knowledge\/staff-bulky-waste-bookings$/);
      assert.match(await page.locator('h1').innerText(), /Staff only/);
      await checkPage(page, `${mode}-help-10-staff-article`);
      await context.close();
    });
  });
}
