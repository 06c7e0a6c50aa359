// Measures the search's download sizes on a built site (gzip -9 sizes, as a static host would
// send them) and the query time in node: the JavaScript, the first query's files, and each
// further query's new files. Usage: node scripts/search-bench.mjs PUBLIC_DIR
// Reports numbers; it asserts nothing (timings vary by machine).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SearchIndex } from '../themes/default/static/search/engine.mjs';

const site = process.argv[2] ?? 'public';
const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
const js = readdirSync(join(site, 'static/search')).map((f) => gz(join(site, 'static/search', f)));
console.log(`search JavaScript: ${js.reduce((a, b) => a + b, 0)} B gzipped (${js.length} modules)`);

const manifest = readdirSync(join(site, 'search')).find((f) => f.startsWith('manifest.'));
let bytes = 0;
const index = new SearchIndex(`file://${join(site, 'search', manifest)}`, async (url) => {
  const path = new URL(url).pathname;
  bytes += gz(path);
  return JSON.parse(readFileSync(path, 'utf8'));
});
const queries = ['iestāžu', 'iestāžu sadarbība', 'kiberdrosiba', 'policija', 'cilvēku tirdzniecība', 'VP', 'apmācības', 'noziedzība'];
for (const q of queries) {
  bytes = 0;
  const started = performance.now();
  const found = await index.search(q);
  const ms = performance.now() - started;
  console.log(`${JSON.stringify(q)}: ${found.results.length} results, ${bytes} B downloaded, ${ms.toFixed(1)} ms`);
}
