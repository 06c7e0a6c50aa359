// Measures the search on a built site, reporting numbers and asserting nothing (timings vary by
// machine; benches/SEARCH.md records them with the date):
//
// - the search JavaScript's size, gzip -9 as a static host would send it;
// - in headless Chromium (Debian's, via tests/browser/harness.mjs) on /meklet/, served from
//   127.0.0.1: for each query, the index bytes the first query and each further query download
//   (gzip -9 sizes of the files fetched; the first query counts everything fetched since the
//   page loaded, including the manifest and facets the page prefetches), and the time from
//   each keystroke to the results being rendered (keydown → the status line updated → the next
//   animation frame). Typing starts once the page's network is idle, as a person's first
//   keystroke comes after the page has shown; every keystroke is counted, the first included;
// - the same queries through the engine in node, for comparison without the DOM.
//
// Usage: node scripts/search-bench.mjs PUBLIC_DIR

import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SearchIndex } from '../themes/default/static/search/engine.mjs';
import { launchBrowser, serveSite } from '../tests/browser/harness.mjs';
import { BENCH_QUERIES as QUERIES } from './lib/bench-queries.mjs';

const site = resolve(process.argv[2] ?? 'public');
const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const js = readdirSync(join(site, 'static/search')).map((f) => gz(join(site, 'static/search', f)));
console.log(`search JavaScript: ${js.reduce((a, b) => a + b, 0)} B gzipped (${js.length} modules)`);

// In Chromium: keystroke → rendered, and bytes per query.
const server = await serveSite(site);
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  let bytes = 0;
  const seen = new Set();
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/search/') && !seen.has(path)) {
      seen.add(path);
      bytes += gz(join(site, decodeURIComponent(path)));
    }
  });
  await page.goto(`${server.origin}/meklet/`, { waitUntil: 'networkidle' });
  await page.waitForFunction(() => document.getElementById('search-nojs').hidden);
  await page.evaluate(() => {
    window.benchTimes = [];
    const input = document.getElementById('q');
    input.addEventListener('keydown', () => (window.benchKey = performance.now()), true);
    new MutationObserver(() => {
      const started = window.benchKey;
      requestAnimationFrame(() => window.benchTimes.push(performance.now() - started));
    }).observe(document.getElementById('search-status'), { childList: true, characterData: true, subtree: true });
  });
  const all = [];
  console.log('\nChromium, typed letter by letter (keystroke → results rendered):');
  for (const [n, query] of QUERIES.entries()) {
    await page.fill('#q', '');
    await page.evaluate(() => (window.benchTimes = []));
    if (n > 0) bytes = 0;
    for (const key of query) {
      const before = await page.evaluate(() => window.benchTimes.length);
      await page.keyboard.type(key);
      // A keystroke whose query has no words (a lone space) renders nothing new; skip waiting.
      await page
        .waitForFunction((b) => window.benchTimes.length > b, before, { timeout: 2000 })
        .catch(() => {});
    }
    // A person pauses after a query: the rest of its first page of results arrives (its
    // records count among the query's bytes; the render is not a keystroke's).
    const before = await page.evaluate(() => window.benchTimes.length);
    await page.waitForFunction(() => {
      const found = Number(document.getElementById('search-status').textContent.match(/Atrast[si] (\d+)/)?.[1] ?? 0);
      return document.querySelectorAll('#search-results > li').length === Math.min(found, 50);
    });
    const times = (await page.evaluate(() => window.benchTimes)).slice(0, before);
    all.push(...times);
    console.log(
      `${JSON.stringify(query).padEnd(24)} ${String(times.length).padStart(2)} renders, ` +
        `median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms, ` +
        `${bytes} B downloaded${n === 0 ? ' (first query: manifest, facets, records, shards)' : ''}` +
        ` [${times.map((t) => t.toFixed(0)).join(' ')}]`,
    );
  }
  console.log(
    `all keystrokes: median ${median(all).toFixed(1)} ms, ` +
      `95th percentile ${[...all].sort((a, b) => a - b)[Math.floor(all.length * 0.95)].toFixed(1)} ms, ` +
      `max ${Math.max(...all).toFixed(1)} ms over ${all.length}`,
  );
  console.log(`index files downloaded in all: ${seen.size}`);
} finally {
  await browser.close();
  await server.close();
}

// In node: each query once, fresh files counted as the browser would download them.
const manifest = readdirSync(join(site, 'search')).find((f) => f.startsWith('manifest.'));
let bytes = 0;
const index = new SearchIndex(`file://${join(site, 'search', manifest)}`, async (url) => {
  const path = new URL(url).pathname;
  bytes += gz(path);
  return JSON.parse(readFileSync(path, 'utf8'));
});
console.log('\nnode, whole queries:');
for (const q of QUERIES) {
  bytes = 0;
  const started = performance.now();
  const found = await index.search(q);
  const ms = performance.now() - started;
  console.log(`${JSON.stringify(q).padEnd(24)} ${String(found.results.length).padStart(3)} results, ${bytes} B downloaded, ${ms.toFixed(1)} ms`);
}
