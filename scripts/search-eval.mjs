// Runs the relevance test set (tests/fixtures/search/relevance.json) through our search and
// through Pagefind, and prints recall@10 and MRR side by side.
//
// Usage: node scripts/search-eval.mjs PUBLIC_DIR [--cases]
//
// Ours: the search page's own modules (engine.mjs, analyzer.mjs) over the built index in
// PUBLIC_DIR/search/, in node. Pagefind: the pinned npm package indexes a copy of PUBLIC_DIR
// (its node API drives the binary from @pagefind/linux-x64), and its browser bundle answers
// the queries in headless Chromium, the way a visitor's browser would.
//
// Pagefind returns whole pages, while our indicator and chapter results point at a line of the
// source viewer; so besides our item-level score (anchors must match) both engines are also
// scored by page, which is the like-for-like comparison. --cases prints every query's ranks.

import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as pagefind from 'pagefind';
import { launchBrowser, serveSite } from '../tests/browser/harness.mjs';
import { CASES, ourIndex, ourResults, score, summarise } from './lib/relevance.mjs';

const site = resolve(process.argv[2] ?? 'public');
const perCase = process.argv.includes('--cases');

async function pagefindResults(queries) {
  const dir = mkdtempSync(join(tmpdir(), 'planportal-pagefind-'));
  const copy = join(dir, 'public');
  cpSync(site, copy, { recursive: true });
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  const indexed = await index.addDirectory({ path: copy });
  if (indexed.errors.length) throw new Error(`pagefind: ${indexed.errors.join('; ')}`);
  await index.writeFiles({ outputPath: join(copy, 'pagefind') });
  await pagefind.close();
  console.log(`Pagefind indexed ${indexed.page_count} pages`);

  const server = await serveSite(copy);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/`);
    return await page.evaluate(async (queries) => {
      const pf = await import('/pagefind/pagefind.js');
      await pf.init();
      const out = [];
      for (const q of queries) {
        const found = await pf.search(q);
        const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
        out.push(data.map((d) => d.url));
      }
      return out;
    }, queries);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const index = ourIndex(site);
const ours = [];
for (const c of CASES) ours.push(await ourResults(index, c.query));
const theirs = await pagefindResults(CASES.map((c) => c.query));

const rows = { ours: [], oursPage: [], pagefind: [] };
CASES.forEach((c, i) => {
  rows.ours.push(score(c.expected, ours[i]));
  rows.oursPage.push(score(c.expected, ours[i], { pageOnly: true }));
  rows.pagefind.push(score(c.expected, theirs[i], { pageOnly: true }));
  if (perCase) {
    const f = (s) => `R ${s.recall.toFixed(2)} RR ${s.rr.toFixed(2)}`;
    console.log(
      `${JSON.stringify(c.query).padEnd(40)} ours ${f(rows.ours[i])} | pagefind ${f(rows.pagefind[i])}`,
    );
  }
});

const table = [
  ['our search (by item)', summarise(rows.ours)],
  ['our search (by page)', summarise(rows.oursPage)],
  ['Pagefind 1.6 (by page)', summarise(rows.pagefind)],
];
console.log(`\n${CASES.length} queries`);
console.log('| engine | recall@10 | MRR |\n|---|---|---|');
for (const [name, s] of table) console.log(`| ${name} | ${s.recall.toFixed(3)} | ${s.mrr.toFixed(3)} |`);
const kinds = [...new Set(CASES.map((c) => c.kind.split(',')[0].replace(/ \(.*/, '')))];
console.log('\nby kind of query (recall@10 ours by item / Pagefind by page):');
for (const kind of kinds) {
  const at = CASES.map((c, i) => (c.kind.startsWith(kind) ? i : -1)).filter((i) => i >= 0);
  const o = summarise(at.map((i) => rows.ours[i]));
  const p = summarise(at.map((i) => rows.pagefind[i]));
  console.log(`  ${kind.padEnd(32)} ${String(at.length).padStart(2)}  ${o.recall.toFixed(2)} / ${p.recall.toFixed(2)}`);
}
