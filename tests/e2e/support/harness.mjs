// The one set-up of every browser test file: before the file's tests, start `frontdoor serve`
// (server.mjs) and launch Chromium; after them, close the browser and then stop the server,
// so no page is left talking to a server that has gone. Call it once, at the top of a file.
import { after, before } from 'node:test';
import { startServer } from './server.mjs';
import { launchBrowser, newContext } from './browser.mjs';

// `options` are startServer's ({ cases, env }), or an async function returning them, which
// runs first in `before`: for a file whose server needs the address of a helper it starts
// itself (an SMTP sink, a tile server). Such a file stops its helper in an `after` of its
// own, registered after this call, so that it runs once the server has stopped.
//
// Returns { server, browser, url, openPage }; server and browser are set once `before` has
// run, so read them inside tests, not at the top of the file.
export function useServerAndBrowser(options = {}) {
  const e2e = {
    server: undefined,
    browser: undefined,
    get url() { return e2e.server.url; },
    // A new context with JavaScript on or off and a page in it; the test closes the context.
    async openPage({ javaScript }) {
      const context = await newContext(e2e.browser, { javaScript });
      const page = await context.newPage();
      return { context, page };
    },
  };

  before(async () => {
    const resolved = typeof options === 'function' ? await options() : options;
    e2e.server = await startServer(resolved);
    e2e.browser = await launchBrowser();
  });

  after(async () => {
    await e2e.browser?.close();
    await e2e.server?.stop();
  });

  return e2e;
}
