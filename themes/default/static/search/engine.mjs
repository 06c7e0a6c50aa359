// Query evaluation over the index src/search/index.rs writes (its module docs describe the
// files); node runs it too, with a loader instead of fetch. The matching and ranking rules are
// written down in src/search/rank.rs, its Rust twin (same candidates, integer scores and order;
// tests/browser/relevance.test.mjs compares them).
//
// Downloads, each once: the manifest, the query words' shards, the hits' facets files, the
// records of the results listed (and of hits whose title may be the query), words.json for a
// suggestion; none holds the whole corpus.

import { analyze, stem } from './analyzer.mjs';

// Quality of a candidate term, in percent of an exact match.
const EXACT = 100;
const PREFIX = 70;
const SYNONYM = 80;
const TYPO = 45;
// Weight of a query word: generic planning words (content/search.toml) count little.
const WORD = 5;
const GENERIC = 1;
// An institution named in a query lifts its measures: most where it is responsible.
const ROLE_RESPONSIBLE = 3;
const ROLE_NAMED = 2;
const TYPO_MIN_LETTERS = 5;
// A typo reaches no term shorter than this: "algas" is not "ag".
const TYPO_MIN_TERM = 4;
// Letters a typo may have dropped or replaced (folded words have no others).
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
// Typos leave this many first letters alone, as the shards do (a word's shard is chosen by them).
const TYPO_KEPT = 2;
// A typo reaches only terms found in at least a quarter as many documents as its most common.
const TYPO_SHARE = 4;
// The documents' own text (introductions, footnotes, passages) ranks below what the documents
// structure (measures, institutions, …) on an equal match.
const STRUCTURED = 3;
const OWN_TEXT = 1;
// Fewer results than this, and the documents' full text is searched too.
const FEW = 3;
// Rank factor base for query words side by side in a result: PHRASE + pairs.
const PHRASE = 2;
const PREFIX_MIN_LETTERS = 2;
// Kinds in tie order: measures first, the documents' own text last.
const KIND_ORDER = ['pasakums', 'iestade', 'programma', 'raditajs', 'nodala', 'teksts'];

// Facets: URL parameter → a document's values (d: record, m: manifest). The role is that of the
// institutions chosen in the Iestāde facet (facetIds).
export const FACETS = [
  { param: 'veids', label: 'Veids', values: (d) => [d.k] },
  { param: 'plans', label: 'Plāns', values: (d, m) => (d.p == null ? [] : [m.plans[d.p][0]]) },
  { param: 'iestade', label: 'Iestāde', values: (d) => d.f ?? [] },
  { param: 'loma', label: 'Iestādes loma', values: () => [] },
  { param: 'statuss', label: 'Statuss', values: (d) => (d.s ? [d.s] : []) },
  { param: 'gads', label: 'Termiņa gads', values: (d) => (d.y ? [String(d.y)] : []) },
];

// The roles the chosen institutions have in a document.
function roles(d, chosen) {
  const out = new Set();
  for (const code of chosen ?? []) {
    if (d.a?.includes(code)) out.add('atbildīgā');
    else if (d.c?.includes(code)) out.add('līdzatbildīgā');
    else if (d.f?.includes(code)) out.add('iesaistītā');
  }
  return [...out];
}

// Facet values of equal count are listed by label, as Latvian sorts.
const COLLATOR = new Intl.Collator('lv');

// A document's facet values are numbered per facet: facet index << FACET_SHIFT | value number.
const FACET_SHIFT = 24;
const VALUE_MASK = (1 << FACET_SHIFT) - 1;

// Result order: a title that is the whole query first, then by rank; ties go to plans in force,
// then by kind (`tie`), then to document order.
const RANKED = (a, b) => b.rank - a.rank || a.tie - b.tie || a.doc - b.doc;
const ORDER = (a, b) => b.title - a.title || RANKED(a, b);

// Puts the first `to` results in ORDER at the front of the list; the rest follow unordered.
// Sorting every hit of a large query (24 000 at 100×) costs more than a keystroke may.
function front(list, to) {
  const k = Math.min(to, list.length);
  if (k <= 0) return;
  const top = [];
  for (const x of list) {
    if (top.length === k) {
      if (ORDER(x, top[k - 1]) >= 0) continue;
      top.pop();
    }
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ORDER(top[mid], x) < 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, x);
  }
  const chosen = new Set(top);
  const rest = list.filter((x) => !chosen.has(x));
  top.forEach((x, i) => (list[i] = x));
  rest.forEach((x, i) => (list[k + i] = x));
}

// Levenshtein distance, stopping early once it exceeds `most`.
export function distance(a, b, most) {
  if (Math.abs(a.length - b.length) > most) return most + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    if (Math.min(...row) > most) return most + 1;
    previous = row;
  }
  return previous[b.length];
}

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

// The words one edit from a folded word (a letter dropped, inserted, replaced or swapped with
// the next), its first TYPO_KEPT letters kept, each once, in a fixed order.
export function oneEditAway(word) {
  const out = new Set();
  for (let i = TYPO_KEPT; i <= word.length; i++) {
    const head = word.slice(0, i);
    if (i < word.length) {
      out.add(head + word.slice(i + 1));
      if (i + 1 < word.length) out.add(head + word[i + 1] + word[i] + word.slice(i + 2));
    }
    for (const c of ALPHABET) {
      out.add(head + c + word.slice(i));
      if (i < word.length) out.add(head + c + word.slice(i + 1));
    }
  }
  out.delete(word);
  return out;
}

// Per document, the best score of one query word: values by document number, and the
// documents that have one, in the order first met.
class Scores {
  constructor(count) {
    this.values = new Float64Array(count);
    this.docs = [];
  }

  raise(doc, value) {
    if (this.values[doc] < value) {
      if (this.values[doc] === 0) this.docs.push(doc);
      this.values[doc] = value;
    }
  }
}

export class SearchIndex {
  // manifestUrl: absolute URL of the manifest; load(url) → parsed JSON.
  constructor(manifestUrl, load = (url) => fetch(url).then((r) => r.json())) {
    this.manifestUrl = manifestUrl;
    this.load = load;
    // Downloads by URL, each once (a failed one is tried again by the next search).
    this.files = new Map();
    // doc number → what is known of it: its facets once its facets file has come, and what a
    // result shows once its record fragment has.
    this.docs = [];
  }

  // The manifest, and a small portal's one facets file and record fragment.
  async init() {
    if (!this.ready) {
      this.ready = (async () => {
        this.manifest = await this.load(this.manifestUrl);
        const { count, chunk, fragment } = this.manifest;
        if (count > 0 && count <= chunk) await this.facetsOf([0]);
        if (count > 0 && count <= Math.min(chunk, fragment)) await this.recordsOf([0]);
      })().catch((error) => {
        this.ready = null;
        throw error;
      });
    }
    return this.ready;
  }

  // A file of the index's folder, fetched once.
  fetchOnce(file) {
    const url = this.url(`${this.manifest.folder}/${file}`);
    if (!this.files.has(url)) {
      this.files.set(
        url,
        this.load(url).catch((error) => {
          this.files.delete(url);
          throw error;
        }),
      );
    }
    return this.files.get(url);
  }

  // Makes this.docs[doc] hold the facets of each of `docs` (index.rs's FacetColumns), as an
  // object with a record's short keys: k, p, e, y, s, f, a, c, w (words in the title).
  async facetsOf(docs) {
    const { chunk } = this.manifest;
    const wanted = new Set();
    for (const doc of docs) if (!this.docs[doc]) wanted.add(Math.floor(doc / chunk));
    await Promise.all(
      [...wanted].map(async (n) => {
        const columns = await this.fetchOnce(`f${n}.json`);
        const runs = (list) => list.flatMap(([value, count]) => Array(count).fill(value));
        const [k, p, e] = [runs(columns.k), runs(columns.p), runs(columns.e)];
        for (let i = 0; i < columns.w.length; i++) {
          const d = { k: this.manifest.kinds[k[i]]?.[0], w: columns.w[i] };
          if (p[i] != null) d.p = p[i];
          if (e[i]) d.e = true;
          if (columns.y[i]) d.y = columns.y[i];
          if (columns.s[i]) d.s = columns.statuses[columns.s[i] - 1];
          for (const [key, bit] of [['f', 1], ['a', 2], ['c', 4]]) {
            const codes = columns.i[i].filter((x) => x & bit).map((x) => columns.codes[x >> 3]);
            if (codes.length > 0) d[key] = codes;
          }
          this.docs[n * chunk + i] ??= d;
        }
      }),
    );
  }

  // Adds what a result shows to this.docs[doc] for each of `docs`, from their record fragments.
  async recordsOf(docs) {
    await this.facetsOf(docs);
    const { fragment } = this.manifest;
    const wanted = new Set();
    for (const doc of docs) if (this.docs[doc].u === undefined) wanted.add(Math.floor(doc / fragment));
    await Promise.all(
      [...wanted].map(async (n) => {
        const list = await this.fetchOnce(`r${n}.json`);
        for (const [i, r] of list.entries()) Object.assign(this.docs[n * fragment + i], r);
      }),
    );
  }

  // Puts the first `to` results in order and loads what they show; the full-text results that
  // follow are the full-text index's to complete.
  async complete(results, to) {
    const [own, text] = results.parts ?? [results];
    await this.titlesFirst(own, to);
    front(own, to);
    await this.recordsOf(own.slice(0, to).map((r) => r.doc));
    if (text) {
      if (to > own.length) await this.fullText.complete(text, to - own.length);
      [...own, ...text].forEach((r, i) => (results[i] = r));
    }
  }

  // Results whose whole title is the query come first: those whose title may be are checked in
  // rank order until `to` are or none is left, so few records are fetched for it.
  async titlesFirst(results, to) {
    const titles = results.titles ?? { maybe: [], known: 0 };
    while (titles.known < to && titles.maybe.length > 0) {
      const batch = titles.maybe.splice(0, to - titles.known);
      await this.recordsOf(batch.map((r) => r.doc));
      for (const r of batch) if ((r.title = this.isTitle(r.doc, titles.candidates))) titles.known++;
    }
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
      if (list[mid] <= term) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  // The shard holding `term` (and every term sharing its group's key).
  // A shard is { t: term → postings, n: term → following term → documents } (see index.rs).
  shard(term) {
    const at = this.shardAt(term);
    if (at < 0) return Promise.resolve({ t: {}, n: {} });
    return this.fetchOnce(`s${at}.json`);
  }

  // True when the terms starting with `prefix` go on into the next shard (a big group split by
  // its third letter): expanding such a prefix would download several shards.
  split(prefix) {
    const next = this.manifest.shards[this.shardAt(prefix) + 1];
    return next !== undefined && next.startsWith(prefix);
  }

  // Candidate terms of one query token: Map term → quality.
  async candidates(token, prefix) {
    const out = new Map();
    const note = (term, quality) => {
      if ((out.get(term) ?? 0) < quality) out.set(term, quality);
    };
    const forms = [...new Set([...token.stems, token.text])];
    const shards = [...new Set(await Promise.all(forms.map((f) => this.shard(f))))].map((s) => s.t);
    const letters = /^\p{Alphabetic}+$/u.test(token.text);
    const typos = letters && token.text.length >= TYPO_MIN_LETTERS;
    const starts = prefix ? forms.filter((f) => !this.split(f)) : [];
    for (const shard of shards) {
      for (const stem of token.stems) if (Object.hasOwn(shard, stem)) note(stem, EXACT);
      if (!typos && starts.length === 0) continue;
      for (const term of Object.keys(shard)) {
        if (starts.some((s) => term.startsWith(s))) {
          note(term, PREFIX);
        } else if (typos && [...term].length >= TYPO_MIN_TERM && token.stems.some((s) => withinOneEdit(s, term))) {
          note(term, TYPO);
        }
      }
    }
    // Of the terms a typo reaches, only the common ones: "policjas" means "policija", not the
    // rare "policy" whose high idf would otherwise put it first.
    const df = (term) => shards.find((s) => Object.hasOwn(s, term))[term].length / 2;
    const typoed = [...out].filter(([, q]) => q === TYPO).map(([t]) => t);
    const most = Math.max(0, ...typoed.map(df));
    for (const term of typoed) if (df(term) * TYPO_SHARE < most) out.delete(term);
    // A word the index does not know (not still being typed) may be a typo that changed its stem
    // ("kriptovaltūas" → "kriptovaltu"): the longest stems the index has of the words one edit
    // from it. (Object.hasOwn: "constructor" is no term of a parsed shard.)
    const inShards = (term) => shards.some((shard) => Object.hasOwn(shard, term));
    if (typos && !prefix && !token.stems.some(inShards)) {
      const known = new Set();
      for (const variant of oneEditAway(token.text)) {
        for (const s of stem(variant)) {
          if ([...s].length >= TYPO_MIN_TERM && inShards(s)) known.add(s);
        }
      }
      const longest = Math.max(0, ...[...known].map((s) => [...s].length));
      for (const s of known) if ([...s].length === longest) note(s, TYPO);
    }
    return { out, unfinished: prefix && out.size === 0 && starts.length < forms.length };
  }

  // The synonym entries a token stands for, with their quality: the other entries of each group
  // where it is a one-word entry (or one edit from one, for 5+ letters); an entry: words' stems.
  synonyms(token) {
    const typos = /^\p{Alphabetic}+$/u.test(token.text) && token.text.length >= TYPO_MIN_LETTERS;
    const entries = [];
    for (const group of this.manifest.synonyms ?? []) {
      const one = (e, close) =>
        e.length === 1 && e[0].some((s) => token.stems.some((t) => (close ? withinOneEdit(s, t) : s === t)));
      let own = group.findIndex((e) => one(e, false));
      let quality = SYNONYM;
      if (own < 0 && typos) {
        own = group.findIndex((e) => one(e, true));
        quality = TYPO;
      }
      if (own >= 0) group.forEach((e, i) => i !== own && entries.push({ words: e, quality }));
    }
    return entries;
  }

  // Codes of the institutions a query names, by code ("VP", "IeM IC") or by full name ("Tieslietu
  // ministrija", any inflection): their measures rank by role (see roleFactor).
  mentioned(tokens) {
    this.institutions ??= this.manifest.institutions.map(([code, name]) => ({
      code,
      words: analyze(code),
      name: analyze(name),
    }));
    const texts = new Set(tokens.map((t) => t.text));
    const meets = (word) => tokens.some((t) => t.stems.some((s) => word.stems.includes(s)));
    const codes = new Set();
    for (const { code, words, name } of this.institutions) {
      if ((words.length > 0 && words.every((w) => texts.has(w.text))) || (name.length > 1 && name.every(meets))) {
        codes.add(code);
      }
    }
    return codes;
  }

  // How much an institution named in the query lifts a document: three times where it is
  // responsible, twice where it is otherwise named.
  roleFactor(doc, codes) {
    let factor = 1;
    for (const code of codes) {
      if (doc.a?.includes(code)) return ROLE_RESPONSIBLE;
      if (doc.f?.includes(code)) factor = ROLE_NAMED;
    }
    return factor;
  }

  // Per document, the best quality × posting score over candidate terms (term → quality).
  async best(candidates) {
    const into = new Scores(this.manifest.count);
    for (const [term, quality] of candidates) {
      const shard = (await this.shard(term)).t;
      if (!Object.hasOwn(shard, term)) continue;
      const list = shard[term];
      let doc = 0;
      for (let j = 0; j < list.length; j += 2) {
        doc += list[j];
        into.raise(doc, quality * list[j + 1]);
      }
    }
    return into;
  }

  // Searches; `typing` makes the last word a prefix; filters: Map param → Set of values. The
  // first `show` results come in order with records (`item`). With fewer than FEW hits (not
  // typing), or `fullText`, the full text is searched too, and a suggestion made.
  async search(query, { typing = false, filters = new Map(), fullText = false, show = 50 } = {}) {
    const tokens = analyze(query);
    // A last word of one letter while typing says too little: wait for the next letter.
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
    // A generic word, or a word the index does not know whose candidates include one (a typo of
    // it: "uzdeumi"), weighs little.
    const generic = new Set(this.manifest.generic ?? []);
    const isGeneric = tokens.map(
      (t, i) =>
        t.stems.some((s) => generic.has(s)) ||
        (![...looked[i].out.values()].includes(EXACT) && [...looked[i].out.keys()].some((s) => generic.has(s))),
    );
    // A query of generic words only is about them.
    if (isGeneric.every(Boolean)) isGeneric.fill(false);
    const matched = new Set();
    // By document number: the sum of its words' weighted scores, and how many (non-generic)
    // words it matches; the documents matched in `touched`.
    const { count } = this.manifest;
    const total = new Float64Array(count);
    const words = new Uint8Array(count);
    const matches = new Uint8Array(count);
    const touched = [];
    for (const [i, token] of tokens.entries()) {
      const { out } = looked[i];
      const scores = await this.best(out);
      for (const term of out.keys()) matched.add(term);
      for (const entry of this.synonyms(token)) {
        // A one-word entry is one more candidate; a phrase scores its weakest word, and only
        // where all its words are.
        const each = [];
        for (const stems of entry.words) {
          each.push(await this.best(new Map(stems.map((s) => [s, entry.quality]))));
          for (const s of stems) matched.add(s);
        }
        for (const doc of each[0].docs) {
          let value = each[0].values[doc];
          for (const word of each.slice(1)) value = Math.min(value, word.values[doc]);
          if (value > 0) scores.raise(doc, value);
        }
      }
      const weight = isGeneric[i] ? GENERIC : WORD;
      for (const doc of scores.docs) {
        if (matches[doc] === 0) {
          matches[doc] = 1;
          touched.push(doc);
        }
        total[doc] += weight * scores.values[doc];
        if (!isGeneric[i]) words[doc] += 1;
      }
    }
    const content = isGeneric.filter((g) => !g).length;
    const candidates = looked.map(({ out }) => out);
    // Every field a hit gets is there from the start (one object shape for all).
    const hits = touched.map((doc) => ({ doc, score: total[doc], words: words[doc], item: null, rank: 0, tie: 0, title: false }));
    await this.facetsOf(touched);
    const codes = this.mentioned(tokens);
    const pairs = await this.phrases(candidates);
    for (const h of hits) {
      const doc = this.docs[h.doc];
      h.item = doc;
      h.rank =
        h.score * h.words * h.words * this.roleFactor(doc, codes) * (doc.k === 'teksts' ? OWN_TEXT : STRUCTURED) *
        (PHRASE + (pairs.get(h.doc) ?? 0));
      h.title = false;
      // Ties: plans in force first, then by kind.
      h.tie = (doc.e ? KIND_ORDER.length + 1 : 0) + KIND_ORDER.indexOf(doc.k);
    }
    // The facets are counted when asked for (the page shows them once typing pauses), unless a
    // filter is chosen: then the results are what passes the filters.
    const filtered = FACETS.some((f) => filters.get(f.param)?.size);
    let tally = filtered ? this.tally(hits, filters) : null;
    const facetsNow = () => (tally ??= this.tally(hits, filters)).facets;
    let results = filtered ? tally.results : hits;
    // Only a title of as many words as the query can be the query; one of several words has two
    // query words side by side, so the neighbour lists rule most out without records.
    let maybe = results.filter((r) => r.words === content && r.item.w === candidates.length).sort(RANKED);
    if (maybe.length > 0 && candidates.length > 1) {
      const near = await this.adjacent(candidates);
      maybe = maybe.filter((r) => near.has(r.doc));
    }
    results.titles = { maybe, candidates, known: 0 };
    await this.complete(results, show);
    let searchedText = false;
    if (this.manifest.text && (fullText || (!typing && hits.length < FEW))) {
      this.fullText ??= new SearchIndex(this.url(this.manifest.text), this.load);
      const text = await this.fullText.search(query, { typing, filters, show });
      for (const r of text.results) r.text = true;
      results = Object.assign([...results, ...text.results], { parts: [results, text.results] });
      for (const t of text.terms) matched.add(t);
      const facets = facetsNow();
      for (const [i, facet] of text.facets.entries()) {
        for (const v of facet.values) {
          const mine = facets[i].values.find((m) => m.value === v.value);
          if (mine) mine.count += v.count;
          else facets[i].values.push(v);
        }
        facets[i].values.sort((a, b) => b.count - a.count || COLLATOR.compare(a.label, b.label));
      }
      searchedText = true;
    }
    const suggestion = !typing && hits.length < FEW ? await this.suggest(query, tokens, looked) : null;
    return {
      tokens,
      results,
      get facets() {
        return facetsNow();
      },
      terms: matched,
      searchedText,
      suggestion,
    };
  }

  // "Vai domājāt …": each word that found nothing replaced by the nearest title word (at most
  // two edits, the most frequent on ties; words.json), or null.
  async suggest(query, tokens, looked) {
    let out = query;
    let changed = false;
    for (const [i, token] of tokens.entries()) {
      if (looked[i].out.size > 0 || this.synonyms(token).length > 0 || token.text.length < 4) continue;
      const seen = new Map();
      for (const [form, text, stems, n] of await this.fetchOnce('words.json')) {
        const d = Math.min(...stems.map((s) => distance(token.stems[0], s, 2)));
        if (d > 2 || text === token.text) continue;
        const known = seen.get(form) ?? { d, n: 0 };
        known.n += n;
        seen.set(form, known);
      }
      const best = [...seen].sort((a, b) => a[1].d - b[1].d || b[1].n - a[1].n || a[0].localeCompare(b[0]))[0];
      if (!best) continue;
      const original = query.slice(token.start, token.end);
      out = out.replace(original, best[0]);
      changed = true;
    }
    return changed ? out : null;
  }

  // Map doc → how many pairs of neighbouring query words stand side by side, in order, in the
  // document's title, deadline or status ("katru mēnesi"), from the shards' neighbour lists
  // (rank.rs computes the same from the records).
  async phrases(candidates) {
    const pairs = new Map();
    for (let i = 0; i + 1 < candidates.length; i++) {
      const docs = new Set();
      for (const x of candidates[i].keys()) {
        const { n } = await this.shard(x);
        if (!Object.hasOwn(n, x)) continue;
        for (const [y, list] of Object.entries(n[x])) {
          if (!candidates[i + 1].has(y)) continue;
          let doc = 0;
          for (const delta of list) docs.add((doc += delta));
        }
      }
      for (const doc of docs) pairs.set(doc, (pairs.get(doc) ?? 0) + 1);
    }
    return pairs;
  }

  // The documents where the candidates of two different query words stand side by side, in
  // either order, in the title, deadline or status.
  async adjacent(candidates) {
    const docs = new Set();
    for (const [i, terms] of candidates.entries()) {
      for (const x of terms.keys()) {
        const { n } = await this.shard(x);
        if (!Object.hasOwn(n, x)) continue;
        for (const [y, list] of Object.entries(n[x])) {
          if (!candidates.some((other, j) => j !== i && other.has(y))) continue;
          let doc = 0;
          for (const delta of list) docs.add((doc += delta));
        }
      }
    }
    return docs;
  }

  // True when the document's title has exactly as many words as the query and each query
  // word's candidate terms meet a different title word.
  isTitle(doc, candidates) {
    const words = this.titleTokens(doc);
    if (words.length !== candidates.length) return false;
    const free = [...words];
    return candidates.every((terms) => {
      const at = free.findIndex((w) => w.stems.some((s) => terms.has(s)) || terms.has(w.text));
      if (at >= 0) free.splice(at, 1);
      return at >= 0;
    });
  }

  // A document's title analysed, once.
  titleTokens(doc) {
    this.titles ??= [];
    this.titles[doc] ??= analyze(this.docs[doc].t);
    return this.titles[doc];
  }

  // Facet counts over the hits, each with the other facets' filters applied, and the hits that
  // pass them all.
  tally(hits, filters) {
    const lists = this.facetLists();
    const chosen = FACETS.map((f, i) => new Set([...(filters.get(f.param) ?? [])].map((v) => lists[i].id(v))));
    const filtered = chosen.some((c) => c.size > 0);
    const role = filters.get('iestade')?.size ? filters.get('iestade') : null;
    const idsOf = hits.map((h) => this.facetIds(h.doc, role));
    const counts = lists.map((list) => new Int32Array(list.values.length));
    const met = FACETS.map(() => []);
    const results = filtered ? [] : hits;
    for (let n = 0; n < hits.length; n++) {
      const ids = idsOf[n];
      let fails = 0;
      let failed = -1;
      if (filtered) {
        for (const [i, c] of chosen.entries()) {
          if (c.size > 0 && !ids.some((x) => x >>> FACET_SHIFT === i && c.has(x & VALUE_MASK))) {
            fails++;
            failed = i;
          }
        }
        if (fails > 1) continue;
        if (fails === 0) results.push(hits[n]);
      }
      for (let j = 0; j < ids.length; j++) {
        const i = ids[j] >>> FACET_SHIFT;
        if (fails === 1 && failed !== i) continue;
        const id = ids[j] & VALUE_MASK;
        if (counts[i][id]++ === 0) met[i].push(id);
      }
    }
    const facets = FACETS.map((f, i) => {
      const values = met[i]
        .map((id) => ({ value: lists[i].values[id], count: counts[i][id] }))
        .map((v) => ({ ...v, label: this.label(f.param, v.value) }))
        .sort((a, b) => b.count - a.count || COLLATOR.compare(a.label, b.label) || (a.value < b.value ? -1 : 1));
      return { param: f.param, label: f.label, values };
    });
    return { results, facets };
  }

  // Per facet, its values numbered in the order first met: { values, id(value) }.
  facetLists() {
    this.lists ??= FACETS.map(() => {
      const numbers = new Map();
      const values = [];
      const id = (value) => {
        if (!numbers.has(value)) numbers.set(value, values.push(value) - 1);
        return numbers.get(value);
      };
      return { values, id };
    });
    return this.lists;
  }

  // A document's facet values as numbers (facet << FACET_SHIFT | value) in a typed array, kept
  // by document number; the role of the `chosen` institutions added.
  facetIds(n, chosen) {
    this.ids ??= [];
    const own = this.ids[n] ?? this.ownFacetIds(n);
    if (!chosen) return own;
    const role = FACETS.findIndex((f) => f.param === 'loma');
    return Int32Array.from([...own, ...roles(this.docs[n], chosen).map((v) => this.facetId(role, v))]);
  }

  ownFacetIds(n) {
    const doc = this.docs[n];
    this.ids[n] = Int32Array.from(
      FACETS.flatMap((f, i) => f.values(doc, this.manifest).map((v) => this.facetId(i, v))),
    );
    return this.ids[n];
  }

  facetId(facet, value) {
    return (facet << FACET_SHIFT) | this.facetLists()[facet].id(value);
  }

  label(param, value) {
    this.planTitles ??= new Map(this.manifest.plans);
    if (param === 'plans') return this.planTitles.get(value) ?? value;
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
