// The report form's map, with a tile server configured (a tiny one run by this test): with
// JavaScript a citizen drags the map, marks the place by selecting it or by the keyboard,
// and the coordinates go with the report; the page still passes axe, and the Content-
// Security-Policy lets the tiles in. Without JavaScript there is no map and no tile is
// fetched: the address and coordinate fields work as before.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { useServerAndBrowser } from './support/harness.mjs';
import { checkPage } from './support/browser.mjs';

// A plain grey tile (SVG, which an <img> shows when it is labelled as such).
const TILE = '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256">' +
  '<rect width="256" height="256" fill="#dddddd" stroke="#bbbbbb"/></svg>';

let tiles;
let tileRequests = [];

// The tile server starts first: the server's Content-Security-Policy names its address.
const e2e = useServerAndBrowser(async () => {
  tiles = http.createServer((request, response) => {
    tileRequests.push(request.url);
    if (!/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(request.url)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'no-store' });
    response.end(TILE);
  });
  await new Promise((resolve) => tiles.listen(0, '127.0.0.1', resolve));
  const tileUrl = `http://127.0.0.1:${tiles.address().port}/tiles/{z}/{x}/{y}.png`;
  return { env: { FRONTDOOR_MAP_TILE_URL: tileUrl } };
});

after(async () => {
  await new Promise((resolve) => tiles?.close(resolve));
});

async function fillTheRest(page, mode) {
  await page.fill('#description', `Bin missed, marked on the map (${mode})`);
  await page.check('#attribute-bin-type');
  await page.check('#attribute-out-by-7am');
}

describe('the report form with a tile server', () => {
  test('JavaScript on: the place is marked on the map and sent with the report', async () => {
    tileRequests = [];
    const { context, page } = await e2e.openPage({ javaScript: true });
    const response = await page.goto(e2e.url + '/services/missed-bin');
    assert.equal(response.status(), 200);
    const csp = response.headers()['content-security-policy'];
    assert.match(csp, new RegExp(`img-src 'self' data: http://127\\.0\\.0\\.1:${tiles.address().port};`));
    const viewport = page.locator('.app-map__viewport');
    await viewport.waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('.app-map__tile')]
      .some((image) => image.complete && image.naturalWidth > 0));
    assert.ok(tileRequests.length > 0, 'tiles are fetched from the tile server');
    await checkPage(page, 'map-js-01-form');

    // Selecting a place right of the centre gives a point east of the map's centre.
    await viewport.scrollIntoViewIfNeeded();
    const box = await viewport.boundingBox();
    await page.mouse.click(box.x + box.width / 2 + 80, box.y + box.height / 2);
    const lat = Number(await page.inputValue('#lat'));
    const long = Number(await page.inputValue('#long'));
    assert.ok(Math.abs(lat - 54.59654) < 0.001, `latitude ${lat} near the centre's`);
    assert.ok(long > -5.93025 && long < -5.90, `longitude ${long} east of the centre`);
    assert.equal(await page.locator('details:has(#lat)').getAttribute('open'), '');
    assert.match(await page.locator('.app-map [aria-live]').innerText(), /Place marked at 54\.\d+, -5\.\d+/);

    // Dragging moves the map, not the mark; the keyboard marks the new centre.
    await page.mouse.move(box.x + 100, box.y + 100);
    await page.mouse.down();
    await page.mouse.move(box.x + 200, box.y + 100, { steps: 5 });
    await page.mouse.up();
    assert.equal(Number(await page.inputValue('#long')), long, 'a drag is not a mark');
    await viewport.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    const keyedLat = Number(await page.inputValue('#lat'));
    const keyedLong = Number(await page.inputValue('#long'));
    assert.ok(keyedLat > 54.59654, `north after ArrowUp: ${keyedLat}`);
    assert.ok(keyedLong < -5.93025, `west after dragging right: ${keyedLong}`);
    await page.click('button:has-text("Zoom in")');
    await checkPage(page, 'map-js-02-marked');

    await fillTheRest(page, 'js');
    await page.click('button:has-text("Send report")');
    await page.waitForURL(/\/requests\/[^/]+\/confirmation$/);
    const reference = (await page.locator('#reference').innerText()).trim();
    const open311 = await fetch(`${e2e.url}/open311/v2/requests/${reference}.json`);
    const [request] = await open311.json();
    assert.ok(Math.abs(request.lat - keyedLat) < 1e-5, `stored latitude ${request.lat}`);
    assert.ok(Math.abs(request.long - keyedLong) < 1e-5, `stored longitude ${request.long}`);
    await context.close();
  });

  test('JavaScript off: no map, no tiles, and the coordinate fields still work', async () => {
    tileRequests = [];
    const { context, page } = await e2e.openPage({ javaScript: false });
    await page.goto(e2e.url + '/services/missed-bin');
    assert.equal(await page.locator('[data-app-map]').isVisible(), false);
    assert.equal(await page.locator('.app-map__viewport').count(), 0);
    await checkPage(page, 'map-nojs-01-form');
    await fillTheRest(page, 'nojs');
    await page.click('summary:has-text("latitude and longitude")');
    await page.fill('#lat', '54.6');
    await page.fill('#long', '-5.92');
    await page.click('button:has-text("Send report")');
    await page.waitForURL(/\/requests\/[^/]+\/confirmation$/);
    assert.deepEqual(tileRequests, []);
    await context.close();
  });
});
