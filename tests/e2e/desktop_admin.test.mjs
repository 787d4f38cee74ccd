// The staff desktop's administration in a real browser, with JavaScript on and off: an admin
// adds a service with a required list question and the citizen's form on the portal asks it;
// an admin routes its cases to a team and removes the rule again; an admin adds a charter
// standard and edits it. Every page passes axe. In its own file (its
// own server and time limit) beside desktop.test.mjs. Demo staff from `seed --demo`.
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
  const code = `grass-${mode}`;

  describe(`desktop administration (JavaScript ${javaScript ? 'on' : 'off'})`, () => {
    test('an admin adds a service with a required list question the portal then asks', async () => {
      const { context, page } = await e2e.openPage({ javaScript });
      await signIn(page, 'admin@frontdoor.example');
      await page.click('a[href="/staff/admin/services"]');
      await page.waitForURL(/\/staff\/admin\/services$/);
      await checkPage(page, `${mode}-admin-01-services`);
      await page.click('a:has-text("Add a service")');
      await page.waitForURL(/\/staff\/admin\/new-service$/);
      await checkPage(page, `${mode}-admin-02-new-service`);

      // Nothing filled in: the error summary names the fields.
      await page.click('button:has-text("Save service")');
      await page.locator('.govuk-error-summary').waitFor();
      const problems = await page.locator('.govuk-error-summary__list').innerText();
      assert.match(problems, /code/i);
      assert.match(await page.title(), /^Error: /);
      await checkPage(page, `${mode}-admin-03-service-errors`);

      await page.fill('#code', code);
      await page.fill('#name', `Overgrown grass (${mode})`);
      await page.fill('#description', 'Grass in a park or on a verge that needs cutting');
      await page.fill('#group', 'Parks');
      await page.selectOption('#department_code', 'CNS');
      await page.click('button:has-text("Save service")');
      await page.waitForURL(new RegExp(`/staff/admin/services/${code}\\?done=1$`));

      // A list question without its values is refused, then added with them.
      await page.fill('#attribute_code', 'where');
      await page.fill('#attribute_description', 'Where is the grass?');
      await page.selectOption('#attribute_datatype', 'singlevaluelist');
      await page.check('#attribute_required');
      await page.click('button:has-text("Save question")');
      await page.locator('.govuk-error-summary').waitFor();
      await checkPage(page, `${mode}-admin-04-question-errors`);
      await page.fill('#attribute_values', 'park|In a park\nverge|On a verge');
      await page.click('button:has-text("Save question")');
      await page.waitForURL(new RegExp(`/staff/admin/services/${code}\\?done=1$`));
      assert.match(await page.locator('main').innerText(), /Where is the grass\?/);
      await checkPage(page, `${mode}-admin-05-service-with-question`);

      // Route the service's cases to a team, then remove the rule after confirming.
      await page.selectOption('#rule_team', { index: 1 });
      await page.click('button:has-text("Route the cases")');
      await page.waitForURL(new RegExp(`/staff/admin/services/${code}\\?done=1$`));
      await page.click('#routing ~ table a:has-text("Remove")');
      await page.waitForURL(new RegExp(`/staff/admin/services/${code}/routing/\\d+/remove$`));
      assert.match(await page.locator('h1').innerText(), /Remove this routing rule\?/);
      await checkPage(page, `${mode}-admin-05b-remove-routing-rule`);
      await page.click('button:has-text("Yes, remove the rule")');
      await page.waitForURL(new RegExp(`/staff/admin/services/${code}\\?done=1$`));
      assert.match(await page.locator('main').innerText(), /No routing rule/);

      const citizen = await context.browser().newContext({ javaScriptEnabled: javaScript });
      const portal = await citizen.newPage();
      await portal.goto(`${e2e.url}/services/${code}`);
      const form = await portal.locator('main').innerText();
      assert.match(form, /Where is the grass\?/);
      assert.match(form, /On a verge/);
      // Required: sending the form without an answer is refused, naming the question.
      await portal.fill('#description', 'The grass is very long');
      await portal.click('button:has-text("Send report")');
      await portal.locator('.govuk-error-summary').waitFor();
      await citizen.close();

      await page.goto(e2e.url + '/staff/admin/standards');
      await checkPage(page, `${mode}-admin-06-standards`);
      await page.fill('#code', `RESOLVE-${mode.toUpperCase()}`);
      await page.fill('#name', `Resolve grass reports (${mode})`);
      await page.selectOption('#measure', 'resolve');
      await page.fill('#target', '10');
      await page.selectOption('#unit', 'working_days');
      await page.click('button:has-text("Save standard")');
      await page.waitForURL(/\/staff\/admin\/standards\?done=1$/);
      await page.click(`a:has-text("Resolve grass reports (${mode})")`);
      await checkPage(page, `${mode}-admin-07-standard`);
      await context.close();
    });
  });
}
