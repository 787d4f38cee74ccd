// Citizen sign-in in a real browser, with JavaScript on and off: a citizen reports a problem
// with their email address, signs in with the code the server emailed (read from a real SMTP
// server, tests/support/smtp_sink.py), and finds the report in "Your requests"; every new page
// passes axe in English and Irish. Run by ctest (label e2e): FRONTDOOR_BINARY names the server.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useServerAndBrowser } from './support/harness.mjs';
import { checkPage, expectSecureHeaders } from './support/browser.mjs';

let sink;

// Starts the SMTP sink on a free port; resolves to { port, folder, stop() }.
async function startSink() {
  const folder = mkdtempSync(path.join(tmpdir(), 'frontdoor-mail-'));
  const child = spawn('/usr/bin/python3', ['tests/support/smtp_sink.py', folder], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('smtp_sink did not start')), 15000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/^(\d+)\n/);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`smtp_sink exited with ${code}`)));
  });
  return {
    port,
    folder,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(child.pid, 'SIGTERM');
        await exited;
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

// The messages to `address` whose subject has `words`, waiting up to 20 s for the first.
async function messagesTo(address, words) {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    const found = readdirSync(sink.folder).filter((n) => n.endsWith('.eml'))
      .map((n) => readFileSync(path.join(sink.folder, n), 'utf8'))
      .filter((m) => m.includes(`X-Sink-Rcpt: ${address}\r\n`) && m.includes(words));
    if (found.length > 0) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return [];
}

// The code in the newest message to `address`, waiting for the delivery worker to send it.
async function codeSentTo(address, previous = '') {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    const names = readdirSync(sink.folder).filter((n) => n.endsWith('.eml')).sort().reverse();
    for (const name of names) {
      const message = readFileSync(path.join(sink.folder, name), 'utf8');
      if (!message.includes(`X-Sink-Rcpt: ${address}\r\n`) ||
          !message.includes('Subject: Your sign-in code\r\n')) continue;
      const body = message.split('\r\n\r\n').slice(1).join('\r\n\r\n');
      const code = body.match(/\b(\d{6})\b/)?.[1];
      if (code && code !== previous) return code;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no code emailed to ${address}`);
}

// The SMTP sink starts first: the server sends its codes there.
const e2e = useServerAndBrowser(async () => {
  sink = await startSink();
  return {
    cases: 20,
    env: {
      FRONTDOOR_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      FRONTDOOR_SMTP_FROM: 'noreply@council.example',
    },
  };
});

after(async () => {
  await sink?.stop();
});

for (const javaScript of [true, false]) {
  const mode = javaScript ? 'js' : 'nojs';
  const email = `signer-${mode}@example.com`;

  describe(`citizen sign-in (JavaScript ${javaScript ? 'on' : 'off'})`, () => {
    test('reports a problem, signs in with the emailed code, sees it in their requests', async () => {
      const { context, page } = await e2e.openPage({ javaScript });

      await page.goto(e2e.url + '/services/missed-bin');
      await page.fill('#description', 'Green bin not emptied');
      await page.check('#attribute-bin-type');
      await page.check('#attribute-out-by-7am');
      await page.fill('#address', '3 Donegall Place, Belfast');
      await page.fill('#email', email);
      await page.click('button:has-text("Send report")');
      await page.waitForURL(/\/requests\/[^/]+\/confirmation$/);
      const reference = (await page.locator('#reference').innerText()).trim();
      const acknowledged = await messagesTo(email, `Subject: We have received your report ${reference}`);
      assert.equal(acknowledged.length, 1, 'one acknowledgement by email');
      const text = Buffer.from(acknowledged[0].replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1')
        .toString('utf8');
      // public_url, as configured (the default here), not the address the test reached.
      assert.ok(text.includes(`/track?reference=${reference}\r\n`),
                'the acknowledgement links to the track page');

      await page.click('.govuk-service-navigation a:has-text("Sign in")');
      await page.waitForURL(/\/sign-in$/);
      await checkPage(page, `signin-${mode}-01-email`);
      await page.fill('#email', 'not an address');
      await page.click('button:has-text("Send me a code")');
      await page.locator('.govuk-error-summary').waitFor();
      assert.match(await page.title(), /^Error: /);
      assert.match(await page.locator('#email-error').innerText(), /correct format/);
      await checkPage(page, `signin-${mode}-02-email-error`);

      await page.fill('#email', email.toUpperCase());
      await page.click('button:has-text("Send me a code")');
      await page.waitForURL(/\/sign-in\/code$/);
      assert.match(await page.locator('main').innerText(), new RegExp(email));
      await checkPage(page, `signin-${mode}-03-code`);
      const code = await codeSentTo(email);

      await page.fill('#code', code === '000000' ? '111111' : '000000');
      await page.click('button:has-text("Continue")');
      await page.locator('.govuk-error-summary').waitFor();
      assert.match(await page.locator('#code-error').innerText(), /not right/);
      await checkPage(page, `signin-${mode}-04-code-error`);

      await page.fill('#code', code);
      const signedIn = page.waitForResponse((r) => r.url().endsWith('/my-requests'));
      await page.click('button:has-text("Continue")');
      await page.waitForURL(/\/my-requests$/);
      await expectSecureHeaders(await signedIn);
      const cookies = await context.cookies();
      const session = cookies.find((c) => c.name === 'fd_citizen');
      assert.ok(session, 'a citizen session cookie');
      assert.equal(session.httpOnly, true);
      assert.equal(session.sameSite, 'Lax');
      assert.ok(!cookies.some((c) => c.name === 'fd_sign_in'), 'the pending address is cleared');
      const table = await page.locator('table').innerText();
      assert.match(table, new RegExp(reference));
      assert.match(table, /Missed bin collection/);
      assert.match(await page.locator('.govuk-service-navigation').innerText(), /Your requests/);
      await checkPage(page, `signin-${mode}-05-my-requests`);

      await page.click(`a:has-text("${reference}")`);
      await page.waitForURL(/\/track\?reference=/);
      assert.match(await page.locator('h1').innerText(), /Missed bin collection/);

      // A report made while signed in, without typing the address, is theirs too.
      await page.goto(e2e.url + '/services/missed-bin');
      await page.fill('#description', 'Blue bin not emptied');
      await page.check('#attribute-bin-type');
      await page.check('#attribute-out-by-7am');
      await page.fill('#address', '5 Donegall Place, Belfast');
      await page.click('button:has-text("Send report")');
      await page.waitForURL(/\/requests\/[^/]+\/confirmation$/);
      const second = (await page.locator('#reference').innerText()).trim();
      await page.goto(e2e.url + '/my-requests');
      const rows = await page.locator('tbody tr').allInnerTexts();
      assert.match(rows[0], new RegExp(second), 'newest first');
      assert.match(rows[1], new RegExp(reference));

      await page.goto(e2e.url + '/my-requests?lang=ga');
      assert.equal(await page.getAttribute('html', 'lang'), 'ga');
      assert.match(await page.locator('h1').innerText(), /D'iarratais/);
      await checkPage(page, `signin-${mode}-06-my-requests-ga`);

      await page.click('button:has-text("Sínigh amach")');
      await page.waitForURL(/\/$/);
      assert.match(await page.locator('.govuk-service-navigation').innerText(), /Sínigh isteach/);
      const gone = await page.goto(e2e.url + '/my-requests');
      assert.match(gone.url(), /\/sign-in$/, 'signed out: back to sign-in');
      await checkPage(page, `signin-${mode}-07-email-ga`);
      await page.fill('#email', email);
      await page.click('button:has-text("Seol cód chugam")');
      await page.waitForURL(/\/sign-in\/code$/);
      await checkPage(page, `signin-${mode}-08-code-ga`);
      await page.fill('#code', '12');
      await page.click('button:has-text("Lean ar aghaidh")');
      await page.locator('.govuk-error-summary').waitFor();
      await checkPage(page, `signin-${mode}-09-code-error-ga`);
      await context.close();
    });
  });
}

describe('citizen sign-in forms', () => {
  test('are refused without their CSRF token', async () => {
    for (const route of ['/sign-in', '/sign-in/code', '/sign-out']) {
      const response = await fetch(e2e.url + route, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=someone%40example.com&code=123456',
      });
      assert.equal(response.status, 403, route);
    }
  });

  test('my requests without a session goes to sign-in', async () => {
    const response = await fetch(e2e.url + '/my-requests', { redirect: 'manual' });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/sign-in');
  });
});
