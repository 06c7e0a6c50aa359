// The search page in Chromium under a strict Content-Security-Policy: typing finds inflected,
// diacritic-free and misspelt words, results are one <li> per result with a link, the query and
// facets live in the URL (and a reload restores them), facets filter with counts, and the
// keyboard moves from the field through the results and back.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { builtSite, launchBrowser, serveSite } from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'";

describe('search page', () => {
  let server;
  let browser;
  let page;
  const errors = [];

  before(async () => {
    server = await serveSite(builtSite());
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Serve every HTML page with a strict CSP, as a production host would.
    await context.route('**/*', async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      if ((headers['content-type'] ?? '').startsWith('text/html')) {
        headers['content-security-policy'] = CSP;
      }
      await route.fulfill({ response, headers });
    });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  });

  after(async () => {
    await page?.context().unrouteAll({ behavior: 'ignoreErrors' });
    await browser?.close();
    await server?.close();
  });

  const results = () =>
    page.$$eval('#search-results > li', (items) =>
      items.map((li) => ({
        text: li.textContent,
        href: li.querySelector('a')?.getAttribute('href'),
        marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      })),
    );

  async function type(text) {
    await page.fill('#q', '');
    await page.type('#q', text);
    await page.waitForFunction(() => document.getElementById('search-status').textContent !== '');
    await page.waitForFunction(
      (q) => new URL(location.href).searchParams.get('q') === q,
      text,
    );
  }

  test('the page without a query hides the no-script note and shows no results', async () => {
    await page.goto(`${server.origin}/meklet/`);
    await page.waitForFunction(() => document.getElementById('search-nojs').hidden);
    assert.equal((await results()).length, 0);
    assert.equal(await page.getAttribute('#q', 'aria-describedby'), 'search-help');
    assert.equal(await page.getAttribute('#search-status', 'role'), 'status');
  });

  test('an inflected word typed without diacritics finds measures, highlighted', async () => {
    await type('iestazu sadarbiba');
    const found = await results();
    assert.ok(found.length > 0, 'results');
    for (const r of found) assert.match(r.href, /^\/(plani|iestades|budzets|avoti)\//);
    assert.ok(found[0].marks.length > 0, 'the first result highlights the matched words');
    assert.ok(
      found.some((r) => r.marks.some((m) => /^iestāž/i.test(m))),
      `"iestāžu" is highlighted: ${JSON.stringify(found.slice(0, 3))}`,
    );
    assert.match(await page.textContent('#search-status'), /Atrasti \d+ rezultāti/);
  });

  test('a one-letter typo and a half-typed last word still find', async () => {
    await type('kibredrosiba');
    const typo = await results();
    assert.ok(typo.length > 0);
    assert.ok(typo[0].marks.some((m) => /kiberdrošīb/i.test(m)), JSON.stringify(typo[0]));
    await type('cilvēku tirdzn');
    const prefix = await results();
    assert.ok(prefix.length > 0);
    assert.ok(prefix[0].text.toLowerCase().includes('tirdzniecīb'), prefix[0].text);
  });

  test('a measure id finds that measure first', async () => {
    await type('1.21');
    const found = await results();
    assert.ok(found.length >= 1);
    assert.match(found[0].href, /\/pasakumi\/1\.21\/$/);
  });

  test('a budget programme code finds the programme, labelled as one', async () => {
    await type('06.01.00');
    const found = await results();
    assert.match(found[0].href, /^\/budzets\/programmas\/06-01-00\/$/);
    assert.match(found[0].text, /^Programma 06\.01\.00/);
  });

  test('facets filter with counts and live in the URL; a reload restores them', async () => {
    await type('policija');
    const before = (await results()).length;
    const label = page.locator('#search-facets fieldset:has(legend:text("Iestāde")) label').first();
    const text = await label.textContent();
    const count = Number(text.match(/\((\d+)\)$/)[1]);
    // The list shows at most 50 results, so a facet's count may exceed what is listed.
    assert.ok(count > 0 && Math.min(count, 50) <= before, `${text} of ${before}`);
    await label.click();
    await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length === n, Math.min(count, 50));
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('q'), 'policija');
    assert.ok(url.searchParams.get('iestade'), `facet in the URL: ${url}`);
    await page.reload();
    await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length === n, Math.min(count, 50));
    assert.equal(await page.inputValue('#q'), 'policija');
    assert.ok(await page.isChecked('#search-facets input:checked'));
  });

  test('the keyboard moves from the field through the results and back', async () => {
    await page.goto(`${server.origin}/meklet/?q=apm%C4%81c%C4%ABbas`);
    await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length > 2);
    await page.focus('#q');
    await page.keyboard.press('ArrowDown');
    const first = await page.evaluate(() => document.activeElement.getAttribute('href'));
    const links = await page.$$eval('#search-results > li a', (as) => as.map((a) => a.getAttribute('href')));
    assert.equal(first, links[0]);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), links[1]);
    await page.keyboard.press('End');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), links.at(-1));
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === links[0]);
  });

  test('no script errors under the strict CSP', () => {
    assert.deepEqual(errors, []);
  });
});
