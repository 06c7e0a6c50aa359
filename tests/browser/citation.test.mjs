// Citing a measure as a journalist would: the "Kā citēt" block names the document by its title,
// the measure, the lines and the page's full address; its button copies exactly that text; the
// "Avots" link opens the source view with every line of the range highlighted.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { siteInBrowser } from './harness.mjs';

const DESKTOP = { width: 1280, height: 900 };

describe('citing a measure', () => {
  const site = siteInBrowser();

  // A measure whose source rows span several lines, with its plan's document title (the plan
  // page's h1 is the document's title).
  function measureWithRange() {
    const measures = JSON.parse(readFileSync(join(site.dir, 'data', 'measures.json'), 'utf8'));
    const measure = measures.find((m) => m.source_lines[1] - m.source_lines[0] >= 3);
    assert.ok(measure, 'no measure spans several source lines');
    return measure;
  }

  test('the citation names the document, measure, lines and address, and the button copies it', { timeout: 60_000 }, async () => {
    const measure = measureWithRange();
    const context = await site.browser.newContext({ viewport: DESKTOP });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.server.origin });
    try {
      const page = await context.newPage();
      await page.goto(site.server.origin + measure.url.replace(/^https?:\/\/[^/]+/, ''));
      const plan = await context.newPage();
      await plan.goto(new URL('../..', page.url()).href);
      const documentTitle = (await plan.locator('h1').innerText()).trim();
      await plan.close();

      assert.equal(await page.getByRole('heading', { name: 'Kā citēt' }).count(), 1);
      const citation = (await page.locator('#citation-text').innerText()).replace(/\s+/g, ' ').trim();
      const [first, last] = measure.source_lines;
      assert.ok(citation.startsWith(documentTitle), `"${citation}" does not start with "${documentTitle}"`);
      assert.ok(citation.includes(`pasākums ${measure.id} `), citation);
      assert.ok(citation.includes(`rindas ${first}–${last}`), citation);
      assert.ok(citation.includes(measure.source), citation);
      assert.match(citation, /datu versija \d{2}\.\d{2}\.\d{4}\./);
      // The page's public address: the data's `url` when the site knows its full address, else
      // the address it is read at (the page's script makes the path absolute).
      const address = /^https?:/.test(measure.url) ? measure.url : page.url();
      assert.ok(citation.endsWith(address), `"${citation}" does not end with the page's address ${address}`);
      assert.doesNotMatch(citation, /\.\./);

      const button = page.getByRole('button', { name: 'Kopēt atsauci' });
      await button.click();
      await page.getByText('Atsauce nokopēta.').waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), citation);
    } finally {
      await context.close();
    }
  });

  test('the source link highlights the whole line range in the source view', { timeout: 60_000 }, async () => {
    const measure = measureWithRange();
    const [first, last] = measure.source_lines;
    const context = await site.browser.newContext({ viewport: DESKTOP });
    try {
      const page = await context.newPage();
      await page.goto(site.server.origin + measure.url.replace(/^https?:\/\/[^/]+/, ''));
      await page.getByRole('link', { name: `rindas ${first}–${last}` }).click();
      await page.waitForURL(/\/avoti\//);
      await page.getByText(`Iezīmētas rindas ${first}–${last}.`).waitFor();
      const highlighted = await page.$$eval('.source-lines li', (lines) =>
        lines
          .filter((li) => getComputedStyle(li).backgroundColor !== 'rgba(0, 0, 0, 0)')
          // The number the list shows: the line's place in it (the viewer lists every line).
          .map((li) => [...li.parentElement.children].indexOf(li) + 1),
      );
      const expected = Array.from({ length: last - first + 1 }, (_, i) => first + i);
      assert.deepEqual(highlighted, expected);
      // The first line is scrolled to.
      const top = await page.locator(`#L${first}`).boundingBox();
      assert.ok(top.y >= 0 && top.y < DESKTOP.height, `line ${first} is at ${top.y}`);
      assert.equal(await page.locator('h1').innerText(), await page.title().then((t) => t.split(' — ')[0]));
    } finally {
      await context.close();
    }
  });
});
