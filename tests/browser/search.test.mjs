// The search page in Chromium under a strict Content-Security-Policy: typing finds inflected,
// diacritic-free and misspelt words, results are one <li> per result with a link, the query and
// facets live in the URL (and a reload restores them), facets filter with counts, and the
// keyboard moves from the field through the results and back.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { analyze } from '../../themes/default/static/search/analyzer.mjs';
import { builtSite, launchBrowser, resultsDir, serveSite } from './harness.mjs';
import { ourIndex, ourResults } from '../../scripts/lib/relevance.mjs';

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
    // The results of the last letter typed: the first page, ten.
    await page.waitForFunction(() => {
      const found = Number(document.getElementById('search-status').textContent.match(/Atrast[si] (\d+)/)?.[1] ?? 0);
      return document.querySelectorAll('#search-results > li').length === Math.min(found, 10);
    });
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
    assert.match(await page.textContent('#search-status'), /Atrast[si] \d+ rezultāt[si]/);
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
    // The list shows ten results at first, so a facet's count may exceed what is listed.
    assert.ok(count > 0 && Math.min(count, 10) <= before, `${text} of ${before}`);
    await label.click();
    await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length === n, Math.min(count, 10));
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('q'), 'policija');
    assert.ok(url.searchParams.get('iestade'), `facet in the URL: ${url}`);
    await page.reload();
    await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length === n, Math.min(count, 10));
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


  test('a word found nowhere in the fields searches the full text and suggests a nearer word', async () => {
    await page.goto(`${server.origin}/meklet/?q=ugunsdzeseji`);
    await page.waitForFunction(() => !document.getElementById('search-suggest').hidden);
    assert.match(await page.textContent('#search-suggest'), /Vai domājāt: ugunsdzēsības\?/);
    // Submitted, not while typing: the full text is fetched for a query, not for each letter.
    const submit = async (text) => {
      await type(text);
      await page.press('#q', 'Enter');
      await page.waitForFunction(() => /tekstā/.test(document.getElementById('search-status').textContent));
    };
    await submit('sirēnas');
    const found = await results();
    assert.ok(found.some((r) => /^\/avoti\//.test(r.href) && /^Dokumenta teksts/.test(r.text)), JSON.stringify(found.slice(0, 3)));
    assert.match(await page.textContent('#search-status'), /dokumentu tekstā/);
    await submit('zvejniekiem');
    assert.match(await page.textContent('#search-status'), /Nekas netika atrasts.*arī dokumentu pilnajā tekstā/);
  });

  test('the full text can be asked for when the fields find enough', async () => {
    await type('policija');
    const before = (await results()).length;
    assert.ok(!(await page.isHidden('#search-fulltext')));
    await page.click('#search-fulltext');
    await page.waitForFunction(() => /dokumentu tekstā/.test(document.getElementById('search-status').textContent));
    assert.ok(await page.isHidden('#search-fulltext'));
    assert.ok(Number((await page.textContent('#search-status')).match(/Atrast[si] (\d+)/)[1]) > before);
  });

  test('choosing an institution offers its role as a facet', async () => {
    await page.goto(`${server.origin}/meklet/?q=apm%C4%81c%C4%ABbas&iestade=VP`);
    await page.waitForFunction(() => document.querySelector('#search-facets legend')?.textContent);
    const roles = await page.$$eval('#search-facets fieldset', (sets) =>
      sets.filter((f) => f.querySelector('legend').textContent === 'Iestādes loma').flatMap((f) => [...f.querySelectorAll('label')].map((l) => l.textContent)),
    );
    assert.ok(roles.some((r) => r.startsWith('atbildīgā')), JSON.stringify(roles));
    const label = page.locator('#search-facets label', { hasText: /^atbildīgā/ });
    const count = Number((await label.textContent()).match(/\((\d+)\)$/)[1]);
    await label.click();
    await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length === n, Math.min(count, 10));
    assert.equal(new URL(page.url()).searchParams.get('loma'), 'atbildīgā');
  });

  // "Ratificējot" is printed once in the five documents (seeds/002_5ef2c56a3aa0266d.txt:23) and
  // in no record's fields, so the page finds exactly one passage of text.
  // The count of a query asked on a fresh page (no facets left from the tests above), once its
  // results (and the full-text passages, which load after the fields) are in.
  async function countFor(query) {
    await page.goto(`${server.origin}/meklet/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(() => /^(Atrast|Nekas)/.test(document.getElementById('search-status').textContent));
    await page.waitForLoadState('networkidle');
    return page.textContent('#search-status');
  }

  test('one result is counted in the singular: "Atrasts 1 rezultāts"', async () => {
    const status = await countFor('Ratificējot');
    assert.equal((await results()).length, 1);
    assert.match(status, /^Atrasts 1 rezultāts[,.]/);
  });

  // Counts ending in 1 take the singular except 11, as everywhere on the site (render::latvian):
  // the queries are chosen from the documents so that their counts end in 1 and 11 and lie in 2–9
  // (21, 11 and 3 when written); whatever they count, the words must agree with the number.
  test('the result count agrees with its number: 21 rezultāts, 11 rezultāti, 3 rezultāti', async () => {
    const endings = new Set();
    for (const query of ['informēti', 'Izmeklētāju', 'pievienošanās']) {
      const status = await countFor(query);
      const [, verb, n, noun] = status.match(/^(Atrasts|Atrasti) (\d+) (rezultāts|rezultāti)/) ?? [];
      assert.ok(n, `${query}: ${status}`);
      const singular = n % 10 === 1 && n % 100 !== 11;
      assert.deepEqual([verb, noun], singular ? ['Atrasts', 'rezultāts'] : ['Atrasti', 'rezultāti'], `${query}: ${status}`);
      endings.add(singular ? 'ends in 1' : n % 100 === 11 ? '11' : 'other');
    }
    assert.deepEqual([...endings].sort(), ['11', 'ends in 1', 'other'], 'pick queries whose counts end in 1, in 11 and in something else');
  });

  test('no script errors under the strict CSP', () => {
    assert.deepEqual(errors, []);
  });
});

// The page does not jump when results arrive (cumulative layout shift, as Lighthouse counts it,
// at most 0.1) and, on a phone, the results come before the filters, which open from "Filtri";
// on a desktop the filters are open beside the results.
for (const width of [375, 1280]) {
  test(`the search page keeps its layout when results arrive (${width} px)`, async () => {
    const server = await serveSite(builtSite());
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.addInitScript(() => {
        window.shift = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.shift += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`${server.origin}/meklet/?q=policija`);
      await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length > 0);
      await page.waitForTimeout(300);
      const shift = await page.evaluate(() => window.shift);
      assert.ok(shift <= 0.1, `cumulative layout shift ${shift.toFixed(3)}`);
      const facets = page.locator('#search-facets');
      if (width < 600) {
        const top = (selector) => page.$eval(selector, (e) => e.getBoundingClientRect().top);
        assert.ok((await top('#search-results')) < (await top('#search-filters')), 'results before filters');
        assert.equal(await facets.isVisible(), false, 'the filters are shown before "Filtri" is opened');
        await page.getByText('Filtri', { exact: true }).click();
      }
      assert.ok(await facets.isVisible(), 'the filters are not shown');
      assert.ok((await facets.locator('input[type="checkbox"]').count()) > 0, 'no filter to choose');
    } finally {
      await browser.close();
      await server.close();
    }
  });
}

// A split index: the first query downloads the manifest, the shards its typed words select, the
// facets of the ranges its hits fall in and the record fragments of the results it lists, and
// nothing that holds the whole corpus (src/search/index.rs describes the files).
test('the first query downloads only the files its words and its listed results need', async () => {
  const site = builtSite();
  const dir = join(site, 'search');
  const manifestFile = readdirSync(dir).find((f) => f.startsWith('manifest.'));
  const manifest = JSON.parse(readFileSync(join(dir, manifestFile), 'utf8'));
  // The shard a term selects: the last whose `from` is not after it.
  const shardOf = (term) => `s${manifest.shards.findLastIndex((from) => from <= term)}.json`;
  const query = 'iestāžu sadarbība';
  const selected = new Set();
  for (let n = 1; n <= query.length; n++) {
    for (const token of analyze(query.slice(0, n))) {
      for (const form of [...token.stems, token.text]) selected.add(shardOf(form));
    }
  }
  const server = await serveSite(site);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const fetched = [];
    page.on('request', (request) => {
      const path = decodeURIComponent(new URL(request.url()).pathname);
      if (path.startsWith('/search/')) fetched.push(path.slice('/search/'.length));
    });
    await page.goto(`${server.origin}/meklet/`, { waitUntil: 'networkidle' });
    await page.type('#q', query);
    // The first page of results: ten.
    await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length === 10);
    await page.waitForLoadState('networkidle');
    const listed = 10;
    assert.equal(new Set(fetched).size, fetched.length, `each file once: ${fetched}`);
    const kinds = { manifest: [], facets: [], shards: [], records: [], other: [] };
    for (const path of fetched) {
      const file = path.slice(`${manifest.folder}/`.length);
      if (path === manifestFile) kinds.manifest.push(path);
      else if (!path.startsWith(`${manifest.folder}/`)) kinds.other.push(path);
      else if (/^f\d+\.json$/.test(file)) kinds.facets.push(file);
      else if (/^s\d+\.json$/.test(file)) kinds.shards.push(file);
      else if (/^r\d+\.json$/.test(file)) kinds.records.push(file);
      else kinds.other.push(path);
    }
    assert.deepEqual(kinds.manifest, [manifestFile]);
    // Neither the titles' words (suggestions) nor the full-text index: the query finds enough.
    assert.deepEqual(kinds.other, []);
    const strays = kinds.shards.filter((s) => !selected.has(s));
    assert.deepEqual(strays, [], `shards the typed words do not select (of ${manifest.shards.length})`);
    assert.ok(kinds.shards.length < manifest.shards.length / 4, `${kinds.shards.length} of ${manifest.shards.length} shards`);
    // Records: at most one fragment per result listed, each of at most `fragment` documents;
    // facets: files of at most `chunk` documents.
    const read = (file) => JSON.parse(readFileSync(join(dir, manifest.folder, file), 'utf8'));
    assert.ok(kinds.records.length >= 1 && kinds.records.length <= Math.min(listed, Math.ceil(manifest.count / manifest.fragment)));
    for (const file of kinds.records) assert.ok(read(file).length <= manifest.fragment, file);
    assert.ok(kinds.facets.length <= Math.ceil(manifest.count / manifest.chunk));
    for (const file of kinds.facets) assert.ok(read(file).w.length <= manifest.chunk, file);
  } finally {
    await browser.close();
    await server.close();
  }
});

// Ten results at a time: "Rādīt vēl" (show more) lists the next ten, by mouse or keyboard, moves
// the focus to the first result it added, and the status line says how many are shown. The same
// order as the engine gives for the whole query (the command line's order, relevance.test.mjs).
for (const width of [390, 1280]) {
  test(`results come ten at a time, with a button for ten more (${width} px)`, async () => {
    const site = builtSite();
    const server = await serveSite(site);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const query = 'apmācības iestādes';
      await page.goto(`${server.origin}/meklet/?q=${encodeURIComponent(query)}`);
      await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length > 0);
      const hrefs = () => page.$$eval('#search-results > li .result-title a', (as) => as.map((a) => a.getAttribute('href')));
      const status = () => page.textContent('#search-status');
      const total = Number((await status()).match(/Atrast[si] (\d+)/)[1]);
      assert.ok(total > 30, `${total} results`);
      assert.equal((await hrefs()).length, 10);
      assert.match(await status(), /, parādīti pirmie 10\.$/);
      const more = page.locator('#search-more');
      assert.equal(await more.textContent(), `Rādīt vēl 10 (parādīti 10 no ${total})`);
      // By mouse: ten more, the focus on the eleventh.
      await more.click();
      await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length === 20);
      let listed = await hrefs();
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), listed[10], 'focus on the first result added');
      assert.match(await status(), /, parādīti pirmie 20\.$/);
      await page.screenshot({ path: join(resultsDir, `search-more-${width}.png`), fullPage: false });
      // By keyboard (no Latvian layout needed: Tab to the button, Enter).
      await more.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length === 30);
      listed = await hrefs();
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), listed[20]);
      assert.equal(new Set(listed).size, 30, 'no result listed twice');
      // The thirty are the first thirty of the whole query's ranking.
      const expected = (await ourResults(ourIndex(site), query)).slice(0, 30);
      assert.deepEqual(listed, expected);
      const box = await more.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= width, `the button fits the screen: ${JSON.stringify(box)}`);
      await more.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(resultsDir, `search-more-${width}-button.png`), fullPage: false });
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.close();
    }
  });
}
