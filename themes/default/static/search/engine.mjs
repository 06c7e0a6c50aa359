// Query evaluation over the sharded index that src/search/index.rs writes (read its module
// documentation for the file formats). No DOM here, so node runs it too (tests/js/, the relevance
// and benchmark scripts) with a loader reading files instead of fetch.
//
// Matching, per query word: its stems exactly; for the last word while typing, every term that
// starts with the word or its stem (a one-letter last word waits for the next letter; a prefix
// whose terms the index split over several shards is matched exactly, and left out when it is
// no term itself, until a letter more is typed); for words of five letters or more, terms one edit away (insertion, deletion,
// substitution or swap of neighbours) among the terms of the word's shard, which share its
// first two letters (three in a split group). A document must match every word; when none does, the
// documents matching the most words are shown. Score: per word the best of quality × posting
// score × idf, summed over words. A document whose whole title is the query ("valsts
// policija" → the institution Valsts policija) ranks before those that only mention it: such a
// query names the thing, and without this the many measures naming it outweigh it.

import { analyze } from './analyzer.mjs';

const EXACT = 1;
const PREFIX = 0.7;
const TYPO = 0.45;
const TYPO_MIN_LETTERS = 5;
const PREFIX_MIN_LETTERS = 2;

// Facets: URL parameter → how a document's values are read (d: document record, m: manifest).
export const FACETS = [
  { param: 'veids', label: 'Veids', values: (d) => [d.k] },
  { param: 'plans', label: 'Plāns', values: (d, m) => (d.p === null ? [] : [m.plans[d.p][0]]) },
  { param: 'iestade', label: 'Iestāde', values: (d) => d.f },
  { param: 'statuss', label: 'Statuss', values: (d) => (d.s ? [d.s] : []) },
  { param: 'gads', label: 'Termiņa gads', values: (d) => (d.y ? [String(d.y)] : []) },
];

// True when a and b are at most one edit apart (Damerau: a swap of neighbours is one edit).
export function withinOneEdit(a, b) {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export class SearchIndex {
  // manifestUrl: absolute URL of the manifest; load(url) → parsed JSON.
  constructor(manifestUrl, load = (url) => fetch(url).then((r) => r.json())) {
    this.manifestUrl = manifestUrl;
    this.load = load;
    this.shards = new Map();
  }

  async init() {
    if (!this.ready) {
      this.ready = (async () => {
        this.manifest = await this.load(this.manifestUrl);
        this.docs = await this.load(this.url(this.manifest.docs));
      })().catch((error) => {
        this.ready = null; // a failed download is tried again by the next search
        throw error;
      });
    }
    return this.ready;
  }

  url(file) {
    return new URL(file, this.manifestUrl).href;
  }

  // The position in the manifest's shard list of the shard holding `term`: the last whose
  // `from` is not after it.
  shardAt(term) {
    const list = this.manifest.shards;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid][0] <= term) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  // The shard holding `term` (and every term sharing its group's key).
  shard(term) {
    const at = this.shardAt(term);
    if (at < 0) return Promise.resolve({});
    const file = this.manifest.shards[at][1];
    if (!this.shards.has(file)) this.shards.set(file, this.load(this.url(file)));
    return this.shards.get(file);
  }

  // True when the terms starting with `prefix` go on into the next shard (a big group split by
  // its third letter): expanding such a prefix would download several shards.
  split(prefix) {
    const next = this.manifest.shards[this.shardAt(prefix) + 1];
    return next !== undefined && next[0].startsWith(prefix);
  }

  // Candidate terms of one query token: Map term → quality.
  async candidates(token, prefix) {
    const out = new Map();
    const note = (term, quality) => {
      if ((out.get(term) ?? 0) < quality) out.set(term, quality);
    };
    const forms = [...new Set([...token.stems, token.text])];
    const shards = [...new Set(await Promise.all(forms.map((f) => this.shard(f))))];
    const letters = /^\p{Alphabetic}+$/u.test(token.text);
    const typos = letters && token.text.length >= TYPO_MIN_LETTERS;
    const starts = prefix ? forms.filter((f) => !this.split(f)) : [];
    for (const shard of shards) {
      for (const stem of token.stems) if (stem in shard) note(stem, EXACT);
      if (!typos && starts.length === 0) continue;
      for (const term of Object.keys(shard)) {
        if (starts.some((s) => term.startsWith(s))) {
          note(term, PREFIX);
        } else if (typos && token.stems.some((s) => withinOneEdit(s, term))) {
          note(term, TYPO);
        }
      }
    }
    return { out, shards, unfinished: prefix && out.size === 0 && starts.length < forms.length };
  }

  // Searches; `typing` makes the last word a prefix. filters: Map param → Set of values.
  async search(query, { typing = false, filters = new Map() } = {}) {
    const tokens = analyze(query);
    // A last word of one letter while typing says too little to search for (and would download
    // a shard of every term starting with it): wait for the next letter.
    if (typing && [...(tokens.at(-1)?.text ?? '')].length < PREFIX_MIN_LETTERS) tokens.pop();
    if (tokens.length === 0) return { tokens, results: [], facets: [], terms: new Set() };
    await this.init();
    const looked = await Promise.all(
      tokens.map((token, i) => this.candidates(token, typing && i === tokens.length - 1)),
    );
    // A last word whose prefix is split over several shards and is not a term itself ("ie" of
    // "iestāde") is still being typed: it is left out until it selects one shard.
    if (looked.at(-1).unfinished) {
      tokens.pop();
      looked.pop();
      if (tokens.length === 0) return { tokens, results: [], facets: [], terms: new Set() };
    }
    const n = this.docs.length;
    const perToken = [];
    const candidates = [];
    const matched = new Set();
    for (const { out, shards } of looked) {
      candidates.push(out);
      const scores = new Map();
      for (const [term, quality] of out) {
        const list = shards.find((s) => term in s)[term];
        const idf = Math.log(1 + n / (list.length / 2));
        let doc = 0;
        for (let j = 0; j < list.length; j += 2) {
          doc += list[j];
          const score = quality * list[j + 1] * idf;
          if ((scores.get(doc) ?? 0) < score) scores.set(doc, score);
        }
        matched.add(term);
      }
      perToken.push(scores);
    }
    const totals = new Map();
    for (const scores of perToken) {
      for (const [doc, score] of scores) {
        const t = totals.get(doc) ?? { doc, score: 0, words: 0 };
        t.score += score;
        t.words += 1;
        totals.set(doc, t);
      }
    }
    let hits = [...totals.values()];
    const all = hits.filter((h) => h.words === tokens.length);
    if (all.length > 0) hits = all;
    for (const h of hits) h.title = h.words === tokens.length && this.isTitle(h.doc, candidates);
    hits.sort(
      (a, b) => b.words - a.words || b.title - a.title || b.score - a.score || a.doc - b.doc,
    );
    const passes = (doc, except) =>
      FACETS.every(
        (f) =>
          f.param === except ||
          !filters.get(f.param)?.size ||
          f.values(doc, this.manifest).some((v) => filters.get(f.param).has(v)),
      );
    const facets = FACETS.map((f) => {
      const counts = new Map();
      for (const h of hits) {
        const doc = this.docs[h.doc];
        if (!passes(doc, f.param)) continue;
        for (const v of f.values(doc, this.manifest)) counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      const values = [...counts]
        .map(([value, count]) => ({ value, count, label: this.label(f.param, value) }))
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'lv'));
      return { param: f.param, label: f.label, values };
    });
    const results = hits
      .filter((h) => passes(this.docs[h.doc], null))
      .map((h) => ({ ...h, item: this.docs[h.doc] }));
    return { tokens, results, facets, terms: matched };
  }

  // True when the document's title has exactly as many words as the query and each query
  // word's candidate terms meet a different title word.
  isTitle(doc, candidates) {
    const words = analyze(this.docs[doc].t);
    if (words.length !== candidates.length) return false;
    const free = [...words];
    return candidates.every((terms) => {
      const at = free.findIndex((w) => w.stems.some((s) => terms.has(s)) || terms.has(w.text));
      if (at >= 0) free.splice(at, 1);
      return at >= 0;
    });
  }

  label(param, value) {
    if (param === 'plans') return this.manifest.plans.find(([s]) => s === value)?.[1] ?? value;
    if (param === 'veids') return this.manifest.kinds.find(([k]) => k === value)?.[1] ?? value;
    return value;
  }
}

// Splits text into [{text, hit}] parts, hit when a word's stem is one of the matched terms or,
// for prefix matches, starts one of them.
export function highlight(text, terms) {
  const parts = [];
  let at = 0;
  for (const token of analyze(text)) {
    const hit = token.stems.some((s) => terms.has(s)) || terms.has(token.text);
    if (!hit) continue;
    if (token.start > at) parts.push({ text: text.slice(at, token.start), hit: false });
    parts.push({ text: text.slice(token.start, token.end), hit: true });
    at = token.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return parts;
}
