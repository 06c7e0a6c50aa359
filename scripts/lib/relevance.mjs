// The relevance test set (tests/fixtures/search/relevance.json) and its measures, shared by
// scripts/search-eval.mjs (ours beside Pagefind) and tests/browser/relevance.test.mjs (a floor
// under ours).
//
// Each case is a query as a citizen or journalist would type it and the pages it should find,
// as site-relative URLs (an indicator or chapter is a line anchor of the source viewer).
// recall@10 is the share of a case's expected pages among the first ten results, out of at most
// ten (so a topic with twelve right answers can still score 1); MRR is 1/rank of the first
// expected page within the first ten, 0 when none is there. Both are averaged over the cases.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SearchIndex } from '../../themes/default/static/search/engine.mjs';

const FIXTURE = JSON.parse(
  readFileSync(new URL('../../tests/fixtures/search/relevance.json', import.meta.url), 'utf8'),
);

// Every case; `set` says when it was written ("2026-11-24": the first 57, "2026-11-30": issue
// 15's), `part` whether tuning may look at it ("tuning") or not ("held-out"), and the newer
// cases carry a one-typo variant in `typo`. The fixture's `split` records how the parts were cut.
export const ALL = FIXTURE.cases;
export const SPLIT = FIXTURE.split;
// The first 57 queries, the set the relevance floor has guarded since issue 5.
export const CASES = ALL.filter((c) => c.set === '2026-11-24');
// Issue 15's queries by part. Tuning looks at TUNING one by one; HELD_OUT only in totals.
export const TUNING = ALL.filter((c) => c.set === '2026-11-30' && c.part === 'tuning');
export const HELD_OUT = ALL.filter((c) => c.set === '2026-11-30' && c.part === 'held-out');

// "/plani/x/index.html#L3" → "plani/x/#L3"; with `pageOnly` the anchor is dropped too.
export function normalise(url, { pageOnly = false } = {}) {
  let path = url.replace(/^[a-z]+:\/\/[^/]+/, '').replace(/^\//, '').replace(/index\.html(?=#|$)/, '');
  if (pageOnly) path = path.replace(/#.*$/, '');
  return path;
}

// Scores one case's ranked result URLs. `pageOnly` compares pages, not anchors: the fair
// comparison with an engine that can only return whole pages.
export function score(expected, ranked, { pageOnly = false } = {}) {
  const want = new Set(expected.map((u) => normalise(u, { pageOnly })));
  const seen = [];
  for (const url of ranked.map((u) => normalise(u, { pageOnly }))) {
    if (!seen.includes(url)) seen.push(url);
  }
  const top = seen.slice(0, 10);
  const found = top.filter((u) => want.has(u)).length;
  const first = top.findIndex((u) => want.has(u));
  return { recall: found / Math.min(want.size, 10), rr: first < 0 ? 0 : 1 / (first + 1) };
}

// Mean recall@10 and MRR over per-case scores.
export function summarise(scores) {
  const mean = (key) => scores.reduce((sum, s) => sum + s[key], 0) / scores.length;
  return { recall: mean('recall'), mrr: mean('rr'), cases: scores.length };
}

// Our engine over a built site's index, read from disk: the same module the search page runs.
export function ourIndex(site) {
  const manifest = readdirSync(join(site, 'search')).find((f) => f.startsWith('manifest.'));
  return new SearchIndex(`file://${join(site, 'search', manifest)}`, async (url) =>
    JSON.parse(readFileSync(new URL(url), 'utf8')),
  );
}

// Our ranked result URLs for a query submitted as a whole (not while typing).
export async function ourResults(index, query) {
  const found = await index.search(query);
  return found.results.map((r) => r.item.u);
}
