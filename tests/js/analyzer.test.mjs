// The browser's analyser gives the Rust analyser's tokens for every shared vector
// (tests/fixtures/search/vectors.json, written and kept fresh by the Rust test `search::vectors`).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../themes/default/static/search/analyzer.mjs';

const vectors = JSON.parse(
  readFileSync(new URL('../fixtures/search/vectors.json', import.meta.url), 'utf8'),
);

test('the vectors are many and non-trivial', () => {
  assert.ok(vectors.length >= 50);
  assert.ok(vectors.some((v) => v.tokens.some((t) => t.stems.length === 2)));
});

for (const { input, tokens } of vectors) {
  test(`tokens of ${JSON.stringify(input.slice(0, 60))}`, () => {
    const got = analyze(input).map(({ text, stems }) => ({ stems, text }));
    assert.deepEqual(got, tokens);
  });
}

test('offsets point into the text as written', () => {
  const text = 'Valsts policijā — Iestāžu';
  assert.deepEqual(
    analyze(text).map((t) => text.slice(t.start, t.end)),
    ['Valsts', 'policijā', 'Iestāžu'],
  );
});
