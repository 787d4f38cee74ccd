// The knowledge base's administration in a real browser, with JavaScript on and off: a
// manager writes an article, is told what is missing, previews it, saves and publishes it,
// and a citizen finds it in /help; then the manager adds a synonym and a search for the
// synonym finds the article at once. Every new page passes axe. Demo staff from `seed --demo`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser } from './support/harness.mjs';
import { checkPage, newContext } from './support/browser.mjs';
import { signIn } from './support/staff.mjs';

const e2e = useServerAndBrowser();

// Each mode has its own article and its own synonym, so neither run depends on the other.
const RUNS = [
  { javaScript: true, mode: 'js', synonym: 'apiary' },
  { javaScript: false, mode: 'nojs', synonym: 'skep' },
];

async function helpLinks(page, q) {
  await page.goto(`${e2e.url}/help?q=${encodeURIComponent(q)}`);
  return page.locator('.app-help-results__item a').evaluateAll((links) =>
    links.map((a) => a.getAttribute('href')));
}

for (const { javaScript, mode, synonym } of RUNS) {
  describe(`knowledge administration (JavaScript ${javaScript ? 'on' : 'off'})`, () => {
    test('a manager writes, previews and publishes an article, then a synonym finds it',
      async () => {
        const { context, page } = await e2e.openPage({ javaScript });
        await signIn(page, e2e.url, 'manager@frontdoor.example');
        await page.click('nav a[href="/staff/admin/articles"]');
        await page.waitForURL(/\/staff\/admin\/articles$/);
        await checkPage(page, `${mode}-kb-01-articles`);
        await page.click('a:has-text("Add an article")');
        await page.waitForURL(/\/staff\/admin\/new-article$/);
        await checkPage(page, `${mode}-kb-02-new-article`);

        // Nothing written: the summary names the title and the text.
        await page.click('button:has-text("Save article")');
        await page.locator('.govuk-error-summary').waitFor();
        const problems = await page.locator('.govuk-error-summary__list').innerText();
        assert.match(problems, /Enter a value/);
        assert.match(problems, /Enter the article's text/);
        assert.match(await page.title(), /^Error: /);
        await checkPage(page, `${mode}-kb-03-article-errors`);

        const title = `Bee swarms near homes (${mode})`;
        const slug = `bee-swarms-near-homes-${mode}`;
        await page.fill('#title', title);
        await page.fill('#summary', 'What to do when honey bees settle on a house or tree');
        await page.fill('#body_markdown',
          'A swarm of honey bees often rests for a day.\n\n' +
          '- Leave the **beehive swarm** alone\n- Call a local beekeeper\n\n' +
          '<script>document.title = "unsafe"</script>');
        await page.fill('#keywords', 'honey bees, wasps');
        await page.check('#audience');
        await page.click('button:has-text("Preview")');
        await page.locator('#preview').waitFor();
        const preview = page.locator('#preview');
        assert.equal(await preview.locator('strong').innerText(), 'beehive swarm');
        assert.equal(await preview.locator('script').count(), 0, 'raw HTML is dropped');
        assert.equal(await page.inputValue('#title'), title, 'what was typed is kept');
        await checkPage(page, `${mode}-kb-04-preview`);

        await page.click('button:has-text("Save article")');
        await page.waitForURL(/\/staff\/admin\/articles\/\d+\?done=1$/);
        assert.match(await page.locator('main').innerText(), /Article saved/);
        const citizen = await newContext(e2e.browser, { javaScript });
        const help = await citizen.newPage();
        assert.ok(!(await helpLinks(help, 'beehive swarm')).includes(`/help/${slug}`),
          'a draft is not public');
        await checkPage(page, `${mode}-kb-05-draft`);
        await page.click('button:has-text("Publish the article")');
        await page.waitForURL(/\/staff\/admin\/articles\/\d+\?done=1$/);
        assert.match(await page.locator('main').innerText(), /Published/);
        await checkPage(page, `${mode}-kb-06-published`);
        await page.click('a:has-text("Version history")');
        await page.waitForURL(/\/versions$/);
        assert.match(await page.locator('main').innerText(), /State: published/);
        await checkPage(page, `${mode}-kb-07-versions`);

        assert.ok((await helpLinks(help, 'beehive swarm')).includes(`/help/${slug}`),
          'the published article is found in /help');
        assert.ok(!(await helpLinks(help, synonym)).includes(`/help/${slug}`),
          'not by the synonym before it exists');

        await page.click('nav a[href="/staff/admin/synonyms"]');
        await page.waitForURL(/\/staff\/admin\/synonyms$/);
        await checkPage(page, `${mode}-kb-08-synonyms`);
        await page.fill('#phrases', synonym);
        await page.click('button:has-text("Save synonyms")');
        await page.locator('.govuk-error-summary').waitFor();
        await checkPage(page, `${mode}-kb-09-synonym-errors`);
        await page.fill('#phrases', `${synonym}\nbeehive`);
        await page.click('button:has-text("Save synonyms")');
        await page.waitForURL(/\/staff\/admin\/synonyms\?done=1$/);
        assert.match(await page.locator('main').innerText(), new RegExp(`${synonym} ~ beehive`));
        assert.ok((await helpLinks(help, synonym)).includes(`/help/${slug}`),
          'the synonym finds the article at once');
        await checkPage(help, `${mode}-kb-10-help-by-synonym`);

        // The delete confirmation, left without deleting.
        await page.click(`a:has-text("Delete"):has-text("${synonym}")`);
        await page.waitForURL(/\/staff\/admin\/synonyms\/\d+\/delete$/);
        await checkPage(page, `${mode}-kb-11-delete-synonym`);
        await page.click('a:has-text("No, keep it")');
        await page.waitForURL(/\/staff\/admin\/synonyms$/);
        await citizen.close();
        await context.close();
      });
  });
}
