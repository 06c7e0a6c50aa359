// Our search's relevance on the test set (tests/fixtures/search/relevance.json) stays above a
// floor a little under what was measured (benches/SEARCH.md), so a change to the analyser, the
// index or the ranking that loses right answers fails here. The engine runs in node over the
// built site's index, the same modules the search page loads. Pagefind is compared in
// scripts/search-eval.mjs, not here: its scores are not ours to keep.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtSite } from './harness.mjs';
import { CASES, ourIndex, ourResults, score, summarise } from '../../scripts/lib/relevance.mjs';

// Measured 2026-11-24 (after the ranking change): recall@10 0.987, MRR 0.906 over 57 queries (see benches/SEARCH.md).
const RECALL_FLOOR = 0.96;
const MRR_FLOOR = 0.85;

test('the relevance set is large and varied', () => {
  assert.ok(CASES.length >= 40, `${CASES.length} queries`);
  assert.ok(CASES.every((c) => c.expected.length > 0), 'every query names what it should find');
  const kinds = new Set(CASES.map((c) => c.kind));
  for (const kind of ['one-letter typo', 'code', 'abbreviation', 'measure id']) {
    assert.ok([...kinds].some((k) => k.startsWith(kind)), `a ${kind} query`);
  }
});

test('our recall@10 and MRR stay above their floors', async () => {
  const index = ourIndex(builtSite());
  const scores = [];
  const missed = [];
  for (const c of CASES) {
    const s = score(c.expected, await ourResults(index, c.query));
    scores.push(s);
    if (s.recall < 1) missed.push(`${c.query} (${s.recall.toFixed(2)})`);
  }
  const { recall, mrr } = summarise(scores);
  assert.ok(recall >= RECALL_FLOOR, `recall@10 ${recall.toFixed(3)}; short: ${missed.join(', ')}`);
  assert.ok(mrr >= MRR_FLOOR, `MRR ${mrr.toFixed(3)}`);
});

test('the measures are computed as documented', () => {
  assert.deepEqual(score(['a/', 'b/'], ['/c/', '/b/index.html', '/a/']), { recall: 1, rr: 1 / 2 });
  assert.deepEqual(score(['a/#L3'], ['/a/#L4']), { recall: 0, rr: 0 });
  assert.deepEqual(score(['a/#L3'], ['/a/'], { pageOnly: true }), { recall: 1, rr: 1 });
  const many = Array.from({ length: 12 }, (_, i) => `p${i}/`);
  assert.equal(score(many, many.slice(0, 10)).recall, 1, 'recall counts at most ten');
});
