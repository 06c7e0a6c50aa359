// The search figures of scripts/bench, for planportal's search page and for a Pagefind page, the
// same way for both (the method of scripts/search-bench.mjs, which reports per query): in headless
// Chromium (Debian's, via tests/browser/harness.mjs), the page served from 127.0.0.1, its network
// idle first, each query typed letter by letter, waiting for each keystroke's results.
//
// - Bytes: every response whose path is under the search's folders (planportal: `/search/` for
//   the index, `/static/search/` for its code; Pagefind: `/pagefind/`), counted as a static host
//   would send it with gzip: the body gzipped (level 6, the common server default), or its raw
//   size when that is smaller (Pagefind's index files are compressed already). A first query
//   counts everything fetched since the page started loading (the page may prefetch); a further
//   query what its own keystrokes fetched. Code (`.js`, `.mjs`, `.wasm`) is counted apart from
//   index data.
// - Keystroke → results: keydown to the status line changing, plus the next animation frame.
//
// Usage: node scripts/bench-search.mjs planportal SITE_DIR | pagefind SITE_DIR
// Prints one JSON object: {firstQuery, furtherQueryMedian, furtherQueryMax, code, p95, median,
// keystrokes, queries: [{query, bytes, status}]}; byte figures are index data only, `status` is
// the page's status line after the query (how many results it found).

import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, serveSite } from '../tests/browser/harness.mjs';
import { BENCH_QUERIES as QUERIES } from './lib/bench-queries.mjs';

const SEARCH_FOLDERS = {
  planportal: { index: ['/search/'], code: ['/static/search/'] },
  pagefind: { index: ['/pagefind/'], code: [] },
};

const [kind, dir] = process.argv.slice(2);
if (!SEARCH_FOLDERS[kind] || !dir) {
  console.error('usage: node scripts/bench-search.mjs planportal|pagefind SITE_DIR');
  process.exit(2);
}
const folders = SEARCH_FOLDERS[kind];
const isCode = (path) => /\.(m?js|wasm)$/.test(path) || folders.code.some((f) => path.startsWith(f));
const isSearch = (path) => isCode(path) || folders.index.some((f) => path.startsWith(f));
const servedSize = (body) => Math.min(body.length, gzipSync(body, { level: 6 }).length);
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];

const server = await serveSite(resolve(dir));
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  let indexBytes = 0;
  let codeBytes = 0;
  const pending = [];
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (!isSearch(path)) return;
    pending.push(
      response.body().then(
        (body) => {
          if (isCode(path)) codeBytes += servedSize(body);
          else indexBytes += servedSize(body);
        },
        () => {},
      ),
    );
  });
  const settle = async () => {
    await page.waitForLoadState('networkidle');
    await Promise.all(pending.splice(0));
  };
  await page.goto(`${server.origin}/meklet/`, { waitUntil: 'networkidle' });
  await page.waitForFunction(() => document.getElementById('search-nojs')?.hidden !== false);
  await page.evaluate(() => {
    window.benchTimes = [];
    document.getElementById('q').addEventListener('keydown', () => (window.benchKey = performance.now()), true);
    new MutationObserver(() => {
      const started = window.benchKey;
      requestAnimationFrame(() => window.benchTimes.push(performance.now() - started));
    }).observe(document.getElementById('search-status'), { childList: true, characterData: true, subtree: true });
  });
  const perQuery = [];
  const keystrokes = [];
  for (const [n, query] of QUERIES.entries()) {
    await page.fill('#q', '');
    await settle();
    if (n > 0) indexBytes = 0;
    await page.evaluate(() => (window.benchTimes = []));
    for (const key of query) {
      const before = await page.evaluate(() => window.benchTimes.length);
      await page.keyboard.type(key);
      // A keystroke that leaves the query unchanged in words renders nothing new; skip waiting.
      await page.waitForFunction((b) => window.benchTimes.length > b, before, { timeout: 3000 }).catch(() => {});
    }
    await settle();
    keystrokes.push(...(await page.evaluate(() => window.benchTimes)));
    const shown = (await page.textContent('#search-status')).trim();
    perQuery.push({ query, bytes: indexBytes, status: shown });
  }
  const further = perQuery.slice(1).map((q) => q.bytes);
  const times = sorted(keystrokes);
  console.log(
    JSON.stringify({
      firstQuery: perQuery[0].bytes,
      furtherQueryMedian: median(further),
      furtherQueryMax: Math.max(...further),
      code: codeBytes,
      p95: times[Math.floor(times.length * 0.95)],
      median: median(times),
      keystrokes: times.length,
      queries: perQuery,
    }),
  );
} finally {
  await browser.close();
  await server.close();
}
