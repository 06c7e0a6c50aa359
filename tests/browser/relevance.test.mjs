// Our search's relevance on the test set (tests/fixtures/search/relevance.json) stays above a
// floor a little under what was measured (benches/SEARCH.md), so a change to the analyser, the
// index or the ranking that loses right answers fails here. The engine runs in node over the
// built site's index, the same modules the search page loads. Pagefind and MiniSearch are
// compared in scripts/search-eval.mjs, not here: their scores are not ours to keep. The held-out
// part of issue 15's queries is not used here either: it is measured, never tuned against.
//
// One ranking, two front ends: `planportal search --json` must return what the search page's
// engine returns for every query of the set, in the same order.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../themes/default/static/search/analyzer.mjs';
import { builtSite, planportalBinary, repoRoot } from './harness.mjs';
import { ALL, CASES, TUNING, normalise, ourIndex, ourResults, score, summarise } from '../../scripts/lib/relevance.mjs';

// Floors a little under the figures measured after issue 15's second round (benches/SEARCH.md,
// main merged in): first 57 queries 0.980 / 0.940; tuning part 0.965 / 0.952, with one typo
// 0.959 / 0.950.
const FLOORS = [
  { name: 'first 57', cases: CASES, typo: false, recall: 0.97, mrr: 0.92 },
  { name: 'issue 15 tuning', cases: TUNING, typo: false, recall: 0.95, mrr: 0.93 },
  { name: 'issue 15 tuning, one typo', cases: TUNING, typo: true, recall: 0.94, mrr: 0.93 },
];

test('the relevance set is large and varied', () => {
  assert.ok(CASES.length >= 40, `${CASES.length} queries`);
  assert.ok(TUNING.length >= 50, `${TUNING.length} tuning queries`);
  assert.ok(ALL.every((c) => c.expected.length > 0), 'every query names what it should find');
  assert.ok(TUNING.every((c) => c.typo && c.typo !== c.query), 'every new query has a typo variant');
  const kinds = new Set(ALL.map((c) => c.kind));
  for (const kind of ['one-letter typo', 'code', 'abbreviation', 'measure id', 'status', 'institution by name', 'synonym']) {
    assert.ok([...kinds].some((k) => k.startsWith(kind) || k.includes(kind)), `a ${kind} query`);
  }
});

for (const floor of FLOORS) {
  test(`our recall@10 and MRR stay above their floors: ${floor.name}`, async () => {
    const index = ourIndex(builtSite());
    const scores = [];
    const missed = [];
    for (const c of floor.cases) {
      const query = floor.typo ? c.typo : c.query;
      const s = score(c.expected, await ourResults(index, query));
      scores.push(s);
      if (s.recall < 1) missed.push(`${query} (${s.recall.toFixed(2)})`);
    }
    const { recall, mrr } = summarise(scores);
    assert.ok(recall >= floor.recall, `recall@10 ${recall.toFixed(3)}; short: ${missed.join(', ')}`);
    assert.ok(mrr >= floor.mrr, `MRR ${mrr.toFixed(3)}`);
  });
}

test('planportal search returns the search page results in the same order', async () => {
  const index = ourIndex(builtSite());
  const binary = planportalBinary();
  // A cache of its own, so the test neither depends on nor disturbs the user's.
  const env = { ...process.env, PLANPORTAL_CACHE_DIR: mkdtempSync(join(tmpdir(), 'planportal-cache-')) };
  const queries = [...new Set(ALL.flatMap((c) => [c.query, c.typo].filter(Boolean)))];
  const differ = [];
  for (const query of queries) {
    const page = (await ourResults(index, query)).slice(0, 50).map((u) => normalise(u));
    // Exit status 1 means nothing was found; the JSON is then `[]`.
    const run = spawnSync(binary, ['search', '--json', '--limit', '50', '--', query], { cwd: repoRoot, env, encoding: 'utf8' });
    assert.ok(run.status === 0 || run.status === 1, `${query}: ${run.stderr}`);
    const cli = JSON.parse(run.stdout).map((hit) => normalise(hit.url));
    if (JSON.stringify(cli) !== JSON.stringify(page)) differ.push(`${query}: page ${page.slice(0, 3)} / cli ${cli.slice(0, 3)}`);
  }
  assert.ok(queries.length > 250, `${queries.length} queries`);
  assert.deepEqual(differ, []);
});

test('no word of the documents finds nothing', async () => {
  const index = ourIndex(builtSite());
  const words = new Set();
  for (const file of readdirSync(join(repoRoot, 'seeds'))) {
    // The text as read: Word's bookmark names and footnote references are markup, not words.
    const text = readFileSync(join(repoRoot, 'seeds', file), 'utf8')
      .replace(/\[bookmark:[^\]]*\]/g, ' ')
      .replace(/\[footnoteRef:\d+\]/g, ' ');
    for (const token of analyze(text)) {
      // Words, not numbers: a table's figures are found by the measure or page they belong to.
      if (/\p{L}/u.test(token.text)) words.add(token.text);
    }
  }
  // Every fifth distinct word (of about 8 800) keeps the test short; all of them were checked
  // when this was written.
  const sample = [...words].sort().filter((_, i) => i % 5 === 0);
  const none = [];
  for (const word of sample) if ((await index.search(word)).results.length === 0) none.push(word);
  assert.ok(sample.length > 1000, `${sample.length} words`);
  assert.deepEqual(none, []);
});

test('the measures are computed as documented', () => {
  assert.deepEqual(score(['a/', 'b/'], ['/c/', '/b/index.html', '/a/']), { recall: 1, rr: 1 / 2 });
  assert.deepEqual(score(['a/#L3'], ['/a/#L4']), { recall: 0, rr: 0 });
  assert.deepEqual(score(['a/#L3'], ['/a/'], { pageOnly: true }), { recall: 1, rr: 1 });
  const many = Array.from({ length: 12 }, (_, i) => `p${i}/`);
  assert.equal(score(many, many.slice(0, 10)).recall, 1, 'recall counts at most ten');
});
