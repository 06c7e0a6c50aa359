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
const MIN_ROOT = 2;
const COMPARATIVE = 'ak';
const MIN_COMPARED = 4;
const NEGATIONS = new Set(['ne', 'nav']);
const isVowel = (c) => 'aeiou'.includes(c);
const isWord = (folded) => LETTERS.test(folded);

// Normalises (NFKC), lower-cases and folds diacritics: "Iestāžu" → "iestazu".
export function fold(word) {
  return word.normalize('NFKC').toLowerCase().normalize('NFKD').replace(MARK, '');
}

// The two-letter root a short noun's ending leaves, if it has a vowel ("upes" → "up").
function shortRoot(chars) {
  const word = chars.join('');
  const fits = ENDINGS.some((e) => word.endsWith(e) && chars.length - [...e].length === MIN_ROOT);
  const root = chars.slice(0, MIN_ROOT).join('');
  return fits && [...root].some(isVowel) ? root : null;
}

// One folded all-letter word → its candidate stems (one, two or three).
export function stem(word) {
  const chars = [...word];
  const root = shortRoot(chars);
  if (chars.length <= MIN_STEM) return root ? [word, root] : [word];
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
  const compared =
    !verbal && s.slice(-COMPARATIVE.length).join('') === COMPARATIVE && s.length >= MIN_COMPARED + COMPARATIVE.length;
  if (compared) s.length -= COMPARATIVE.length;
  const stems = [];
  if (!verbal && !compared && ALTERNATING.has(ending)) {
    const last = s[s.length - 1];
    const head = s.slice(0, -1).join('');
    if (last === 'j' && 'bmpvf'.includes(s[s.length - 2])) s.length -= 1;
    else if (last === 'z') stems.push(head + 'd');
    else if (last === 's') stems.push(head + 't');
  }
  stems.unshift(s.join(''));
  if (root && !stems.includes(root)) stems.push(root);
  return stems;
}

// Tokens of a text: {text, stems, start, end} with start/end as string indices into `text`. A
// negation particle joins the word after it ("nav izpildīts" → "neizpildits").
export function analyze(text) {
  const found = [...text.matchAll(TOKEN)].map((m) => ({
    folded: fold(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
  const tokens = [];
  for (let i = 0; i < found.length; i++) {
    const { folded, start, end } = found[i];
    const next = found[i + 1];
    if (
      next &&
      NEGATIONS.has(folded) &&
      isWord(next.folded) &&
      !STOP_WORDS.has(next.folded) &&
      /^[ \t\n\r\u00a0]*$/u.test(text.slice(end, next.start))
    ) {
      const joined = `ne${next.folded}`;
      tokens.push({ text: joined, stems: stem(joined), start, end: next.end });
      i += 1;
      continue;
    }
    if (!folded || STOP_WORDS.has(folded)) continue;
    tokens.push({ text: folded, stems: isWord(folded) ? stem(folded) : [folded], start, end });
  }
  return tokens;
}
