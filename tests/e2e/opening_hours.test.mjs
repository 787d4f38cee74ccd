// Opening hours of every calendar in a real browser, with JavaScript on and off: an admin
// opens the list of calendars, changes the hours of the contact centre (not the default
// calendar), is shown the errors of a bad week with the GOV.UK error summary, then saves a
// good one and sees it in the list at once, with no restart. Every page passes axe, in
// English and in Irish. Demo calendars and staff from `seed --demo`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser } from './support/harness.mjs';
import { checkPage } from './support/browser.mjs';
import { signIn as staffSignIn } from './support/staff.mjs';

const e2e = useServerAndBrowser({ cases: 20 });

for (const javaScript of [true, false]) {
  const mode = javaScript ? 'js' : 'nojs';
  // Each run its own Sunday, so the second run cannot pass on the first run's save.
  const sunday = javaScript ? ['10:00', '14:00'] : ['11:00', '15:30'];

  describe(`opening hours (JavaScript ${javaScript ? 'on' : 'off'})`, () => {
    test('an admin changes the hours of a calendar that is not the default', async () => {
      const { context, page } = await e2e.openPage({ javaScript });
      await staffSignIn(page, e2e.url, 'admin@frontdoor.example');
      await page.click('nav a[href="/staff/admin/opening-hours"]');
      await page.waitForURL(/\/staff\/admin\/opening-hours$/);
      const list = await page.locator('main').innerText();
      assert.match(list, /Belfast City Council offices/);
      assert.match(list, /Customer Hub contact centre/);
      assert.match(list, /Cases already open keep the due dates they were given/);
      assert.doesNotMatch(list, /restart/i);
      assert.equal(await page.locator('main .govuk-tag:has-text("Default")').count(), 1);
      await checkPage(page, `${mode}-hours-01-calendars`);

      await page.click('a[href="/staff/admin/opening-hours/contact-centre"]');
      await page.waitForURL(/\/staff\/admin\/opening-hours\/contact-centre$/);
      assert.equal(await page.inputValue('#hours-1-opens'), '08:00');
      assert.equal(await page.inputValue('#hours-6-closes'), '13:00');
      await checkPage(page, `${mode}-hours-02-contact-centre`);

      // A closing time before the opening, and a time that is not hh:mm.
      await page.fill('#hours-7-opens', '18:00');
      await page.fill('#hours-7-closes', '09:00');
      await page.fill('#hours-2-opens', '8am');
      await page.click('button:has-text("Save opening hours")');
      await page.locator('.govuk-error-summary').waitFor();
      assert.match(await page.title(), /^Error: /);
      const problems = await page.locator('.govuk-error-summary__list').innerText();
      assert.match(problems, /Sunday: the closing time must be after the opening time/);
      assert.match(problems, /Tuesday: enter both times as hh:mm/);
      assert.equal(await page.locator('.govuk-error-summary a[href="#hours-7-closes"]').count(), 1);
      assert.equal(await page.inputValue('#hours-2-opens'), '8am', 'what was sent is shown again');
      await checkPage(page, `${mode}-hours-03-errors`);

      await page.fill('#hours-2-opens', '08:00');
      await page.fill('#hours-7-opens', sunday[0]);
      await page.fill('#hours-7-closes', sunday[1]);
      await page.click('button:has-text("Save opening hours")');
      await page.waitForURL(/\/staff\/admin\/opening-hours\?done=1$/);
      const saved = await page.locator('main').innerText();
      assert.match(saved, /Opening hours saved/);
      assert.match(saved, /cases already open keep their due dates/);
      assert.ok(saved.includes(`${sunday[0]}\u2013${sunday[1]}`), saved);
      await checkPage(page, `${mode}-hours-04-saved`);

      // The same list in Irish.
      await page.goto(`${e2e.url}/staff/admin/opening-hours?lang=ga`);
      assert.match(await page.locator('main').innerText(), /Athraigh na huaireanta oscailte/);
      await checkPage(page, `${mode}-hours-05-calendars-ga`);
      await page.goto(`${e2e.url}/staff/admin/opening-hours?lang=en`);

      // The default calendar kept its hours and its place.
      const council = await page.request.get(`${e2e.url}/api/v1/charter/calendars/council`);
      const body = await council.json();
      assert.equal(body.is_default, true);
      const centre = await (await page.request.get(
        `${e2e.url}/api/v1/charter/calendars/contact-centre`)).json();
      assert.equal(centre.is_default, false);
      await context.close();
    });
  });
}
