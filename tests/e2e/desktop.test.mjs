// The staff desktop in a real browser, with JavaScript on and off: an agent logs a phone
// contact that raises a case; an officer works the worklist, updates and closes a case, and
// the citizen sees the update on the portal's track page. Every desktop page passes axe, and
// a desktop form posted without its CSRF token is refused. Demo staff from `seed --demo`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser } from './support/harness.mjs';
import { checkPage } from './support/browser.mjs';
import { signIn as staffSignIn } from './support/staff.mjs';

const e2e = useServerAndBrowser();

function signIn(page, email, name) {
  return staffSignIn(page, e2e.url, email, name);
}

for (const javaScript of [true, false]) {
  const mode = javaScript ? 'js' : 'nojs';
  // Each run its own caller: the same phone number would find the first run's customer.
  const phone = javaScript ? '028 9032 0202' : '028 9032 0303';

  describe(`staff desktop (JavaScript ${javaScript ? 'on' : 'off'})`, () => {
    test('an agent logs a phone contact that raises a case', async () => {
      const { context, page } = await e2e.openPage({ javaScript });
      await signIn(page, 'agent@frontdoor.example', `${mode}-desk-01`);
      await checkPage(page, `${mode}-desk-02-worklist`);
      await page.click('a:has-text("Log a contact")');
      await page.waitForURL(/\/staff\/contacts\/new$/);
      await checkPage(page, `${mode}-desk-03-contact`);

      // First without a service: the error summary names it.
      await page.selectOption('#channel', 'phone');
      await page.check('#raise_case');
      await page.click('button:has-text("Log contact")');
      await page.locator('.govuk-error-summary').waitFor();
      assert.match(await page.locator('.govuk-error-summary__list').innerText(),
                   /Choose the service/);
      await checkPage(page, `${mode}-desk-04-contact-errors`);

      await page.fill('#first_name', 'Aoife');
      await page.fill('#last_name', `Caller ${mode}`);
      await page.fill('#phone', phone);
      await page.selectOption('#service', 'bin-day');
      await page.fill('#description', `Which day is the bin on Castle Street? (${mode})`);
      await page.fill('#address', '12 Castle Street, Belfast');
      await page.fill('#summary', 'Rang about bin day');
      await page.click('button:has-text("Log contact")');
      await page.waitForURL(/\/staff\/cases\/BCC-\d{2}-\d{6}\?done=raised$/);
      assert.match(await page.locator('main').innerText(), new RegExp(`Castle Street\\? \\(${mode}\\)`));
      assert.match(await page.locator('main').innerText(), /phone/);
      await checkPage(page, `${mode}-desk-05-raised-case`);

      await page.click('a:has-text("Customers")');
      await page.fill('#phone', phone);
      await page.click('form[action="/staff/customers"] button:has-text("Search")');
      await checkPage(page, `${mode}-desk-06-customer-search`);
      await page.click(`a:has-text("Caller ${mode}")`);
      assert.match(await page.locator('main').innerText(), /Rang about bin day/);
      await checkPage(page, `${mode}-desk-07-customer`);
      await context.close();
    });

    test('an officer works the worklist, updates and closes a case, the citizen sees it', async () => {
      const { context, page } = await e2e.openPage({ javaScript });
      await signIn(page, 'officer@frontdoor.example');
      // A citizen's dog licence question, taken at the counter: dog wardens are in the
      // officer's department (CNS).
      await page.goto(e2e.url + '/staff/contacts/new');
      await page.selectOption('#channel', 'face_to_face');
      await page.check('#raise_case');
      await page.selectOption('#service', 'dog-licence');
      await page.fill('#description', `Does my dog need a licence? (${mode})`);
      await page.click('button:has-text("Log contact")');
      await page.waitForURL(/\/staff\/cases\/BCC-\d{2}-\d{6}\?done=raised$/);
      const reference = page.url().match(/(BCC-\d{2}-\d{6})/)[1];
      await page.goto(e2e.url + '/staff');
      await page.selectOption('#team', 'dog-wardens');
      await page.click('button:has-text("Apply filters")');
      await page.waitForURL(/team=dog-wardens/);
      await checkPage(page, `${mode}-desk-08-worklist-filtered`);
      await page.click(`a:has-text("${reference}")`);
      await page.waitForURL(new RegExp(`/staff/cases/${reference}$`));
      await checkPage(page, `${mode}-desk-09-case`);

      await page.fill('#note-body', 'Warden visited, no dog found');
      await page.click('button:has-text("Add note")');
      await page.waitForURL(/\?done=note$/);
      const update = `We visited and will keep watch (${mode})`;
      await page.fill('#update-body', update);
      await page.selectOption('#update-status', 'resolved');
      await page.click('button:has-text("Send update")');
      await page.waitForURL(/\?done=update$/);
      await page.selectOption('#status-to', 'closed');
      await page.click('button:has-text("Change status")');
      await page.waitForURL(/\?done=status$/);
      const main = await page.locator('main').innerText();
      assert.match(main, /closed/);
      assert.match(main, /Warden visited/);
      await checkPage(page, `${mode}-desk-10-closed`);

      const citizen = await context.browser().newContext({ javaScriptEnabled: javaScript });
      const track = await citizen.newPage();
      await track.goto(`${e2e.url}/track?reference=${reference}`);
      const shown = await track.locator('main').innerText();
      assert.match(shown, new RegExp(update.replace(/[()]/g, '\\$&')));
      assert.doesNotMatch(shown, /Warden visited/, 'internal notes stay internal');
      await citizen.close();

      await page.click('button:has-text("Sign out")');
      await page.waitForURL(/\/staff\/sign-in$/);
      const again = await page.goto(e2e.url + '/staff');
      assert.equal(again.url(), `${e2e.url}/staff/sign-in?next=/staff`);
      await context.close();
    });
  });
}

describe('every desktop page', () => {
  test('passes axe, including the error, lockout and admin pages', async () => {
    const { context, page } = await e2e.openPage({ javaScript: true });
    await page.goto(e2e.url + '/staff/sign-in');
    await page.fill('#email', 'manager@frontdoor.example');
    await page.fill('#password', 'not the password');
    await page.click('button:has-text("Sign in")');
    await page.locator('.govuk-error-summary').waitFor();
    assert.match(await page.title(), /^Error: /);
    await checkPage(page, 'desk-page-sign-in-error');
    for (let i = 0; i < 5; i += 1) {
      await page.fill('#password', 'not the password');
      await page.click('button:has-text("Sign in")');
      await page.locator('.govuk-error-summary').waitFor();
    }
    assert.match(await page.locator('.govuk-error-summary').innerText(), /locked/);
    await checkPage(page, 'desk-page-locked');

    await signIn(page, 'admin@frontdoor.example');
    for (const [path, name] of [['/staff', 'worklist'], ['/staff?due=breached', 'breached'],
                                ['/staff/contacts/new', 'contact'], ['/staff/customers', 'customers'],
                                ['/staff/admin/users', 'users'], ['/staff/admin/teams', 'teams'],
                                ['/staff/admin/closures', 'closures'],
                                ['/staff/admin/services', 'services'],
                                ['/staff/admin/new-service', 'new-service'],
                                ['/staff/admin/standards', 'standards'],
                                ['/staff/admin/opening-hours', 'opening-hours'],
                                ['/staff?lang=ga', 'worklist-ga'],
                                ['/staff/admin/services?lang=ga', 'services-ga']]) {
      const response = await page.goto(e2e.url + path);
      assert.equal(response.status(), 200, path);
      await checkPage(page, `desk-page-${name}`);
    }
    await context.close();
  });

  test('a desktop form posted without its CSRF token is refused', async () => {
    const { context, page } = await e2e.openPage({ javaScript: false });
    await signIn(page, 'admin@frontdoor.example');
    const cookies = await context.cookies();
    const header = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const response = await fetch(e2e.url + '/staff/admin/users', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header },
      body: 'email=forged%40example.org&name=Forged&role=admin&password=forged-password-123',
      redirect: 'manual',
    });
    assert.equal(response.status, 403);
    const users = await page.goto(e2e.url + '/staff/admin/users');
    assert.doesNotMatch(await users.text(), /forged@example.org/);
    await context.close();
  });
});
