// The search page's enhancement: searches as you type, keeps the query and facets in the URL,
// shows results (ten at a time: each result's record is a download on a large portal) with
// highlighted words and facets with counts, offers the documents' full text, and lets the
// keyboard move between the field and the results (↓/↑, Home/End, Escape). Without it the
// form still submits to itself and links to the browse pages.

import { FACETS, SearchIndex, highlight } from './engine.mjs';

const form = document.getElementById('search-form');
const input = document.getElementById('q');
const list = document.getElementById('search-results');
const status = document.getElementById('search-status');
const facetBox = document.getElementById('search-facets');
const more = document.getElementById('search-more');
const fullTextButton = document.getElementById('search-fulltext');
const suggest = document.getElementById('search-suggest');
const index = new SearchIndex(new URL(form.dataset.manifest, location.href).href);

document.getElementById('search-nojs').hidden = true;
let filters = new Map();
let sequence = 0;
// Results listed so far (a page is ten), and whether the full text was asked for.
const PAGE = 10;
let shown = PAGE;
let fullText = false;
let found = null;

function readUrl() {
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  filters = new Map(FACETS.map((f) => [f.param, new Set(params.getAll(f.param))]));
}

function writeUrl() {
  const params = new URLSearchParams();
  if (input.value) params.set('q', input.value);
  for (const f of FACETS) for (const v of filters.get(f.param)) params.append(f.param, v);
  const query = params.toString();
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function marked(text, terms) {
  return highlight(text, terms).map((part) =>
    part.hit ? element('mark', {}, part.text) : document.createTextNode(part.text),
  );
}

function resultItem({ item, text }, terms, { plans, kinds }) {
  const plan = item.p == null ? null : plans[item.p][1];
  const kind = text ? 'Dokumenta teksts' : (kinds.find(([k]) => k === item.k)?.[2] ?? item.k);
  // A passage or a plan's own text is named by its title; its id is only a line or a number.
  const id = text || item.k === 'teksts' ? '' : item.i;
  const link = element('a', { href: item.u }, ...marked(item.t, terms));
  const details = element('dl', { class: 'result-details' });
  const add = (term, value) => {
    if (value) details.append(element('dt', {}, term), element('dd', {}, value));
  };
  add('Plāns', plan);
  add('Atbildīgā institūcija', (item.r ?? []).join(', '));
  add('Termiņš', item.d);
  add('Statuss', item.s);
  return element(
    'li',
    {},
    element('p', { class: 'result-title' }, element('span', { class: 'result-id' }, `${kind} ${id}`.trim()), ' ', link),
    details,
  );
}

function renderFacets(facets) {
  facetBox.replaceChildren();
  for (const facet of facets) {
    const chosen = filters.get(facet.param);
    if (facet.values.length < 2 && chosen.size === 0) continue;
    const box = element('fieldset', { class: 'facet' }, element('legend', {}, facet.label));
    const options = element('ul');
    for (const { value, count, label } of facet.values) {
      const id = `f-${facet.param}-${value}`.replace(/[^\w-]/g, '_');
      const check = element('input', { type: 'checkbox', id, name: facet.param, value });
      check.checked = chosen.has(value);
      options.append(element('li', {}, check, element('label', { for: id }, `${label} (${count})`)));
    }
    box.append(options);
    facetBox.append(box);
  }
  facetBox.hidden = facetBox.childElementCount === 0;
}

// Lists the first `shown` results and says how many there are. After a keystroke the facets
// (hundreds of choices on a large portal) and the address wait until typing pauses.
const PAUSE = 200;
let later = null;
function render(query, typed = false) {
  const { results, terms, searchedText } = found;
  list.replaceChildren(...results.slice(0, shown).map((r) => resultItem(r, terms, index.manifest)));
  clearTimeout(later);
  const rest = () => {
    renderFacets(found.facets);
    writeUrl();
  };
  if (typed) later = setTimeout(rest, PAUSE);
  else rest();
  const n = results.length;
  const text = results.filter((r) => r.text).length;
  more.hidden = n <= shown;
  more.textContent = `Rādīt vēl ${Math.min(PAGE, n - shown)} (parādīti ${Math.min(shown, n)} no ${n})`;
  fullTextButton.hidden = searchedText || n === 0;
  suggest.hidden = !found.suggestion;
  if (found.suggestion) {
    const href = `?q=${encodeURIComponent(found.suggestion)}`;
    suggest.replaceChildren('Vai domājāt: ', element('a', { href }, found.suggestion), '?');
  }
  const fromText = text > 0 ? `, no tiem ${text} dokumentu tekstā` : '';
  const said =
    n === 0
      ? `Nekas netika atrasts vaicājumam “${query}”, arī dokumentu pilnajā tekstā.`
      : `${singular(n) ? 'Atrasts' : 'Atrasti'} ${n} ${singular(n) ? 'rezultāts' : 'rezultāti'}${fromText}${n > shown ? `, parādīti pirmie ${shown}` : ''}.`;
  status.textContent = said;
}

// Latvian number agreement (render::latvian::is_singular): 1, 21 rezultāts; 11, 12 rezultāti.
function singular(n) {
  return n % 10 === 1 && n % 100 !== 11;
}

// `typed`: a keystroke in the field (its facets and address wait for a pause); `typing`: the
// last word may still grow (no space after it).
async function run({ typing, typed = false }) {
  const mine = ++sequence;
  clearTimeout(later);
  const query = input.value.trim();
  shown = PAGE;
  if (!query) {
    writeUrl();
    fullText = false;
    list.replaceChildren();
    facetBox.replaceChildren();
    facetBox.hidden = true;
    more.hidden = true;
    fullTextButton.hidden = true;
    suggest.hidden = true;
    status.textContent = '';
    return;
  }
  const result = await index.search(input.value, { typing, filters, fullText, show: PAGE });
  if (mine !== sequence) return;
  if (result.tokens.length === 0) {
    // Only a first letter typed so far: nothing to show yet, and nothing to announce.
    writeUrl();
    list.replaceChildren();
    renderFacets([]);
    more.hidden = true;
    fullTextButton.hidden = true;
    suggest.hidden = true;
    status.textContent = '';
    return;
  }
  found = result;
  render(query, typed);
}

more.addEventListener('click', async () => {
  const next = Math.min(shown, found.results.length);
  const mine = sequence;
  await index.complete(found.results, shown + PAGE);
  if (mine !== sequence) return;
  shown += PAGE;
  render(input.value.trim());
  // Keyboard users continue at the first result just added.
  list.children[next]?.querySelector('a')?.focus();
});
fullTextButton.addEventListener('click', () => {
  fullText = true;
  run({ typing: false });
});

function links() {
  return [...list.querySelectorAll('li > .result-title > a')];
}

input.addEventListener('input', () => {
  fullText = false;
  run({ typing: !/\s$/.test(input.value), typed: true });
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  run({ typing: false });
});
facetBox.addEventListener('change', (event) => {
  const box = event.target;
  const chosen = filters.get(box.name);
  if (box.checked) chosen.add(box.value);
  else chosen.delete(box.value);
  run({ typing: false });
});
input.addEventListener('keydown', (event) => {
  if (event.key === 'ArrowDown' && links().length > 0) {
    event.preventDefault();
    links()[0].focus();
  }
});
list.addEventListener('keydown', (event) => {
  const all = links();
  const at = all.indexOf(document.activeElement);
  if (at < 0) return;
  const to = {
    ArrowDown: Math.min(at + 1, all.length - 1),
    ArrowUp: at - 1,
    Home: 0,
    End: all.length - 1,
    Escape: -1,
  }[event.key];
  if (to === undefined) return;
  event.preventDefault();
  if (to < 0) input.focus();
  else all[to].focus();
});

// The manifest (and a small portal's one facets and records file) is fetched when the browser
// is idle or the field gets focus, so the first keystroke waits for one small shard at most.
const prefetch = () => index.init().catch(() => {});
input.addEventListener('focus', prefetch, { once: true });
if ('requestIdleCallback' in window) requestIdleCallback(prefetch, { timeout: 2000 });
else setTimeout(prefetch, 500);

readUrl();
// The facets sit in a "Filtri" disclosure: open beside the results on a wide screen, closed
// under them on a phone unless the address already chooses a filter.
document.getElementById('search-filters').open =
  matchMedia('(min-width: 50rem)').matches || [...filters.values()].some((chosen) => chosen.size > 0);
if (input.value) run({ typing: false });
