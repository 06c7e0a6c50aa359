// What the pages say, read as a citizen reads them: counts in the right Latvian number, labels
// that mean what they say, documents named by their title.

import assert from 'node:assert/strict';
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

describe('labels and wording', () => {
  const site = siteInBrowser();

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
