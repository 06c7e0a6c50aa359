// The browser twin of src/search/analyzer.rs: the same tokens, folding, function words and stems,
// so a query typed here meets the terms the build indexed. Read the Rust module for the why of
// every rule; tests/js/analyzer.test.mjs checks this file against vectors the Rust side writes.

// A run of letters, digits and marks, with '.' or '/' allowed between two runs.
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:[./][\p{L}\p{N}\p{M}]+)*/gu;
const MARK = /\p{M}/gu;
const LETTERS = /^\p{Alphabetic}+$/u;

export const STOP_WORDS = new Set([
  'ar', 'ari', 'bet', 'bez', 'gan', 'ir', 'ja', 'jo', 'ka', 'kas', 'ko', 'kur', 'lai', 'lidz',
  'ne', 'nav', 'no', 'pa', 'par', 'pec', 'pie', 'pret', 'si', 'sie', 'sis', 'so', 'ta', 'tas',
  'tie', 'tiek', 'to', 'un', 'uz',
]);

// Longest first, as in the Rust module.
const ENDINGS = [
  'ajiem', 'ajam', 'ajai', 'ajos', 'ajas', 'aja', 'iem', 'ais', 'ies', 'am', 'as', 'ai', 'ei',
  'es', 'em', 'im', 'is', 'ij', 'os', 'us', 'um', 'ie', 'a', 'e', 'i', 'o', 'u', 's',
];
const ALTERNATING = new Set(['a', 'i', 'u', 'iem', 'us', 'os']);
const MIN_STEM = 3;
const isVowel = (c) => 'aeiou'.includes(c);

// Normalises (NFKC), lower-cases and folds diacritics: "Iestāžu" → "iestazu".
export function fold(word) {
  return word.normalize('NFKC').toLowerCase().normalize('NFKD').replace(MARK, '');
}

// One folded all-letter word → one or two candidate stems.
export function stem(word) {
  const chars = [...word];
  if (chars.length <= MIN_STEM) return [word];
  const ending =
    ENDINGS.find((e) => word.endsWith(e) && chars.length - [...e].length >= MIN_STEM) ?? '';
  const s = chars.slice(0, chars.length - [...ending].length);
  let verbal = false;
  if (s.length >= 6 && s.slice(-3).join('') === 'san') {
    s.length -= 3;
    verbal = true;
  } else if (s.length >= 6 && s[s.length - 1] === 't' && isVowel(s[s.length - 2])) {
    s.length -= 1;
    verbal = true;
  }
  if (verbal && s.length >= 5 && isVowel(s[s.length - 1])) s.length -= 1;
  const stems = [];
  if (!verbal && ALTERNATING.has(ending)) {
    const last = s[s.length - 1];
    const head = s.slice(0, -1).join('');
    if (last === 'j' && 'bmpvf'.includes(s[s.length - 2])) s.length -= 1;
    else if (last === 'z') stems.push(head + 'd');
    else if (last === 's') stems.push(head + 't');
  }
  stems.unshift(s.join(''));
  return stems;
}

// Tokens of a text: {text, stems, start, end} with start/end as string indices into `text`.
export function analyze(text) {
  const tokens = [];
  for (const found of text.matchAll(TOKEN)) {
    const folded = fold(found[0]);
    if (!folded || STOP_WORDS.has(folded)) continue;
    tokens.push({
      text: folded,
      stems: LETTERS.test(folded) ? stem(folded) : [folded],
      start: found.index,
      end: found.index + found[0].length,
    });
  }
  return tokens;
}
