// What the pages say, read as a citizen reads them: counts in the right Latvian number, labels
// that mean what they say, documents named by their title.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { allPages, siteInBrowser } from './harness.mjs';

const DESKTOP = { width: 1280, height: 900 };

// The text of a page's main content, tags removed and whitespace collapsed.
function mainText(html) {
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  return main
    .replace(/<[^>]*>/g, ' ')
    .replaceAll('&nbsp;', ' ')
    .replace(/\s+/g, ' ');
}

// Counted nouns of the site in the plural, with the singular they need after 1, 21, 31 …
const PLURALS = {
  pasākumi: 'pasākums',
  'rīcības virzieni': 'rīcības virziens',
  uzdevumi: 'uzdevums',
  rādītāji: 'rādītājs',
  iestādes: 'iestāde',
  dokumentiem: 'dokumenta',
  uzdevumiem: 'uzdevuma',
};

// The text of the <dd> after the <dt> named `term` in a page's HTML, or null.
function fact(html, term) {
  const match = html.match(new RegExp(`<dt>${term}</dt><dd>([\\s\\S]*?)</dd>`));
  return match ? match[1].replace(/<sup[\s\S]*?<\/sup>/g, '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim() : null;
}

describe('labels and wording', () => {
  const site = siteInBrowser();
  // The data's `url` is absolute when the site is built with a full base URL; pages link by path.
  const measures = () =>
    JSON.parse(readFileSync(join(site.dir, 'data', 'measures.json'), 'utf8')).map((m) => ({
      ...m,
      url: new URL(m.url, 'http://localhost/').pathname,
    }));
  const measurePage = (m) => readFileSync(join(site.dir, m.url.replace(/^\//, ''), 'index.html'), 'utf8');

  test('every measure page gives its deadline once, as printed, under "Termiņš"', () => {
    const problems = [];
    const all = measures();
    for (const m of all) {
      const html = measurePage(m);
      const printed = (m.deadline ?? '').replace(/\[\^\d+\]/g, '').replace(/\s+/g, ' ').trim() || 'nav norādīts';
      const expected = m.recurring ? `${printed} Regulāri veicams pasākums` : printed;
      const shown = fact(html, 'Termiņš');
      if (shown !== expected) {
        problems.push(`${m.url}: Termiņš "${shown}", expected "${expected}"`);
      }
      if (html.includes('Izpildes datums')) {
        problems.push(`${m.url}: says "Izpildes datums"`);
      }
    }
    assert.ok(all.length > 100);
    assert.deepEqual(problems, []);
  });

  test('the status overview lists every not-done and partly-done task with its reason', { timeout: 60_000 }, async () => {
    const open = measures().filter((m) => m.status === 'nav izpildīts' || m.status === 'daļēji izpildīts');
    assert.ok(open.length >= 3, `${open.length} open tasks`);
    const context = await site.browser.newContext({ viewport: DESKTOP });
    try {
      const page = await context.newPage();
      await page.goto(site.pages.get('status'));
      const items = await page.$$eval('.status-list > li', (lis) =>
        lis.map((li) => ({ href: li.querySelector('a').getAttribute('href'), text: li.innerText })),
      );
      for (const m of open) {
        const item = items.find((i) => i.href === m.url);
        assert.ok(item, `${m.url} (${m.status}) is not listed`);
        assert.match(item.text, /Skaidrojums: \S/, `${m.url} is listed without a reason:\n${item.text}`);
        assert.ok(item.text.includes(`Termiņš: `), item.text);
      }
    } finally {
      await context.close();
    }
  });

  test('a status explanation is shown only when it says more than the status', () => {
    const problems = [];
    let shown = 0;
    let hidden = 0;
    for (const m of measures().filter((m) => m.status_text)) {
      const html = measurePage(m);
      const explained = html.includes('<h2>Izpildes statusa skaidrojums</h2>');
      // Status words, "uzdevums (ir)" and punctuation: what remains is the explanation.
      const rest = m.status_text
        .toLowerCase()
        .replace(/^(uzdevum[sa] )?(ir )?/, '')
        .replace(/^(daļēji izpildīts|izpildīts daļēji|izpildes procesā|nav uzsākts|nav izpildīts|zaudējis aktualitāti|izpildīts|izpildes gaitā)/, '')
        .replace(/[^\p{L}\d]/gu, '');
      if (explained !== (rest.length > 0)) {
        problems.push(`${m.url}: status text "${m.status_text}" ${explained ? 'shown' : 'not shown'}`);
      }
      shown += explained ? 1 : 0;
      hidden += explained ? 0 : 1;
    }
    assert.deepEqual(problems, []);
    assert.ok(shown > 0 && hidden > 0, `${shown} shown, ${hidden} hidden`);
  });

  test('no count ending in 1 (but not 11) is followed by a plural noun, on any page', () => {
    const wrong = new RegExp(`(?<![\\d.,])(\\d*[02-9]1|1) (${Object.keys(PLURALS).join('|')})(?![\\p{L}])`, 'gu');
    const problems = [];
    for (const { path, html } of allPages(site.dir)) {
      for (const match of mainText(html).matchAll(wrong)) {
        problems.push(`${path}: "${match[0]}" (should be "${match[1]} ${PLURALS[match[2]]}")`);
      }
    }
    assert.deepEqual(problems, []);
  });

  // The other half of the rule: 0, 2–9, 10–20 and every number not ending in 1 (and 11, 111)
  // take the plural. Years (1900–2099) are the documents' own words ("NAP 2020 uzdevums"), not
  // counts.
  test('no count ending in 0, 2–9 or 11 is followed by a singular noun, on any page', () => {
    const wrong = new RegExp(`(?<![\\d.,])(\\d*(?:[02-9]|11)) (${Object.values(PLURALS).join('|')})(?![\\p{L}])`, 'gu');
    const problems = [];
    for (const { path, html } of allPages(site.dir)) {
      for (const match of mainText(html).matchAll(wrong)) {
        if (!/^(19|20)\d\d$/.test(match[1])) {
          const plural = Object.keys(PLURALS).find((p) => PLURALS[p] === match[2]);
          problems.push(`${path}: "${match[0]}" (should be "${match[1]} ${plural}")`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  test('no heading or title is printed in block capitals or as "N. tabula"', () => {
    const problems = [];
    let checked = 0;
    // Two or more words of three letters or more and no lower-case letter: capitals for layout.
    const capitals = (text) =>
      text.split(/[^\p{L}]+/u).filter((w) => w.length >= 3).length >= 2 && !/\p{Ll}/u.test(text);
    for (const { path, html } of allPages(site.dir)) {
      const texts = [...html.matchAll(/<(h[1-3]|title)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) =>
        m[2].replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim(),
      );
      for (const text of texts) {
        checked += 1;
        if (capitals(text) || /^\d+\. \d+\. tabula$/.test(text) || /(^|\. )\d+\. tabula( —|$)/.test(text)) {
          problems.push(`${path}: "${text}"`);
        }
      }
    }
    assert.ok(checked > 1000, `${checked} headings`);
    assert.deepEqual(problems, []);
  });

  test('the home page says what the portal is, how current its data are, and which plans are in force', { timeout: 60_000 }, async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      await page.goto(site.pages.get('home'));
      const note = await page.locator('.about-note').innerText();
      assert.match(note, /nav oficiāls/);
      const version = await page.locator('footer time').getAttribute('datetime');
      assert.match(version, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(note.includes(await page.locator('footer time').innerText()), note);
      const year = Number(version.slice(0, 4));
      const cards = await page.locator('.card').evaluateAll((cards) =>
        cards.map((c) => ({ state: c.querySelector('.state')?.textContent, period: c.querySelector('.plan-state .muted')?.textContent })),
      );
      assert.ok(cards.length >= 5);
      for (const { state, period } of cards) {
        const [first, last] = period.split('–').map(Number);
        assert.equal(state, first <= year && year <= last ? 'spēkā' : 'noslēdzies', `${period} in ${year}`);
      }
      // Cards in force come first, under their own heading.
      const headings = await page.locator('main h2').allInnerTexts();
      assert.ok(headings.includes('Noslēgušies plāni un izpildes ziņojumi'), headings.join(' | '));

      await page.getByRole('link', { name: /Par portālu/ }).first().click();
      assert.equal(await page.locator('h1').innerText(), 'Par portālu');
      const headingsAbout = await page.locator('main h2').allInnerTexts();
      for (const wanted of ['Kas portālu uztur', 'Kas portālā ir', 'Kā ziņot par kļūdu']) {
        assert.ok(headingsAbout.includes(wanted), headingsAbout.join(' | '));
      }
      // Who maintains it, said plainly; the data's date; every document it holds.
      const about = await page.locator('main').innerText();
      assert.match(about, /Portāls ir neoficiāls\. To veido un uztur projekts planportal, nevis valsts iestāde\./);
      assert.equal(await page.locator('main .facts time').getAttribute('datetime'), version);
      const documents = await page.locator('main .facts a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      const plans = [...new Set(measures().map((m) => m.url.split('/').slice(0, 3).join('/') + '/'))];
      assert.deepEqual(documents.sort(), plans.sort());
    } finally {
      await context.close();
    }
  });

  test('each plan page opens with a summary counted from the data, before the prose', () => {
    const byPlan = new Map();
    for (const m of measures()) {
      byPlan.set(m.plan, (byPlan.get(m.plan) ?? 0) + 1);
    }
    assert.ok(byPlan.size >= 5);
    for (const [plan, n] of byPlan) {
      const html = readFileSync(join(site.dir, 'plani', plan, 'index.html'), 'utf8');
      const afterTitle = html.slice(html.indexOf('</h1>') + 5).trimStart();
      assert.ok(afterTitle.startsWith('<dl class="facts plan-summary">'), `${plan}: ${afterTitle.slice(0, 80)}`);
      const contents = fact(afterTitle, 'Saturs');
      const noun = n % 10 === 1 && n % 100 !== 11 ? 'pasākums' : 'pasākumi';
      assert.ok(contents.endsWith(`${n} ${noun}`) || contents.includes(`${n} ${noun},`), `${plan}: Saturs "${contents}", ${n} measures in the data`);
      assert.match(fact(afterTitle, 'Periods'), /^\d{4}–\d{4}, (spēkā|noslēdzies|vēl nav sācies)$/);
      assert.ok(fact(afterTitle, 'Dokuments'), `${plan}: no Dokuments line`);
    }
  });

  test('abbreviations in tables are <abbr> with the full name, linked to the institution', () => {
    const problems = [];
    let checked = 0;
    for (const { path, html } of allPages(site.dir).filter((p) => /^\/plani\/[^/]+\/$/.test(p.path))) {
      for (const cell of html.matchAll(/data-label="Atbildīgā institūcija">([\s\S]*?)<\/td>/g)) {
        for (const [, href, title, code] of cell[1].matchAll(/<a href="([^"]*)"><abbr title="([^"]*)">([^<]*)<\/abbr><\/a>/g)) {
          checked += 1;
          const target = readFileSync(join(site.dir, href.replace(/^\//, ''), 'index.html'), 'utf8');
          const h1 = target.match(/<h1>([\s\S]*?)<\/h1>/)[1];
          if (!h1.startsWith(code) || !h1.includes(title)) {
            problems.push(`${path}: <abbr title="${title}">${code}</abbr> links to ${href}, titled "${h1}"`);
          }
        }
      }
    }
    assert.ok(checked > 50, `${checked} abbreviations checked`);
    assert.deepEqual(problems, []);
  });

  test('no page names a document by its file name alone', () => {
    const problems = [];
    const hashName = /\d{3}_[0-9a-f]{16}\.txt/;
    for (const { path, html } of allPages(site.dir)) {
      // The file name may stand beside the title ("(fails …)", the source view's input file).
      const main = html
        .slice(html.indexOf('<main'), html.indexOf('</main>'))
        .replace(/<span class="source-file">[\s\S]*?<\/span>/g, '')
        .replace(/<code>[\s\S]*?<\/code>/g, '')
        .replace(/\(fails [^)]*\)/g, '')
        .replace(/<[^>]*>/g, ' ');
      const found = main.match(hashName);
      if (found) {
        problems.push(`${path}: "${main.slice(Math.max(0, found.index - 60), found.index + 40).replace(/\s+/g, ' ')}"`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('web addresses in footnotes are links', () => {
    const problems = [];
    let links = 0;
    for (const { path, html } of allPages(site.dir)) {
      const notes = html.match(/<section class="footnotes"[\s\S]*?<\/section>/);
      if (!notes) {
        continue;
      }
      links += (notes[0].match(/<a href="https?:\/\//g) ?? []).length;
      const unlinked = notes[0].replace(/<a\b[\s\S]*?<\/a>/g, '').match(/https?:\/\/\S{0,40}/);
      if (unlinked) {
        problems.push(`${path}: ${unlinked[0]}`);
      }
    }
    assert.ok(links > 0, 'no footnote has a web address');
    assert.deepEqual(problems, []);
  });

  // Issue 10 set groups ("Pašvaldības", "Augstskolas") apart from institutions: the home page
  // counts the institutions only, as data/institutions.json marks them.
  test('the home page\'s totals are the data\'s: measures, documents, institutions without groups', () => {
    const read = (file) => JSON.parse(readFileSync(join(site.dir, 'data', file), 'utf8'));
    const institutions = read('institutions.json');
    const bodies = institutions.filter((i) => i.kind === 'institution').length;
    assert.ok(bodies < institutions.length, 'the data hold no groups: nothing to keep apart');
    const lead = mainText(readFileSync(join(site.dir, 'index.html'), 'utf8')).match(
      /(\d+) pasākum[si] no (\d+) dokument(?:a|iem), (\d+) iestād(?:e|es)\./,
    );
    assert.ok(lead, 'the home page gives no totals');
    assert.deepEqual(lead.slice(1).map(Number), [measures().length, read('plans.json').length, bodies]);
  });

  test('the home page counts each plan\'s directions and measures with agreeing nouns', async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP });
    try {
      const page = await context.newPage();
      await page.goto(site.pages.get('home'));
      const cards = await page.locator('.card').allInnerTexts();
      assert.ok(cards.length >= 5, cards.join('\n---\n'));
      let singular = 0;
      for (const text of cards) {
        const counts = [...text.matchAll(/(\d+) (rīcības virzien[si]|pasākum[si])\b/g)];
        assert.equal(counts.length, 2, text);
        for (const [, n, noun] of counts) {
          const one = Number(n) % 10 === 1 && Number(n) % 100 !== 11;
          assert.equal(noun.endsWith('s'), one, `"${n} ${noun}" in: ${text}`);
          singular += one ? 1 : 0;
        }
      }
      // The documents hold a plan with one direction: the singular is really exercised.
      assert.ok(singular > 0, cards.join('\n---\n'));
    } finally {
      await context.close();
    }
  });
});
