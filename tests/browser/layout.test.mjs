// The layout as a reader on a phone (390 px), on a tablet (768 px) and a journalist at a desktop
// (1280 px) meet it: the phone header is small and its menu opens without JavaScript, no page of
// the site scrolls sideways on a phone or a tablet, tables turn into cards on a phone (and wide
// tables on a tablet) with each value under its column's name, and every budget amount is on
// screen at 768 px and 1280 px.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allPages, siteInBrowser } from './harness.mjs';

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 768, height: 1024 };
const DESKTOP = { width: 1280, height: 900 };

// The phone header's limit: the issue asked for about 120 px (the old one took 283).
const PHONE_HEADER_MAX = 120;

describe('layout at phone, tablet and desktop width', () => {
  const site = siteInBrowser();

  test('on a phone the header is small and its menu opens without JavaScript', { timeout: 60_000 }, async () => {
    const context = await site.browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      for (const kind of ['home', 'measure', 'plan-budget', 'search']) {
        await page.goto(site.pages.get(kind));
        const header = await page.locator('header').boundingBox();
        assert.ok(header.height <= PHONE_HEADER_MAX, `${kind}: the header is ${header.height} px high`);
        assert.ok(await page.locator('header input[type="search"]').isVisible(), `${kind}: no search field`);
        const links = page.locator('header nav a');
        assert.equal(await visibleCount(links), 0, `${kind}: navigation shown before the menu is opened`);
        await page.getByText('Izvēlne', { exact: true }).click();
        assert.equal(await visibleCount(links), await links.count(), `${kind}: the menu did not open`);
        assert.ok((await links.count()) >= 6, `${kind}: the menu has ${await links.count()} links`);
      }
    } finally {
      await context.close();
    }
  });

  test('on a desktop the navigation is shown without a menu button', { timeout: 60_000 }, async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP });
    try {
      const page = await context.newPage();
      await page.goto(site.pages.get('home'));
      const links = page.locator('header nav a');
      assert.equal(await visibleCount(links), await links.count());
      assert.equal(await page.getByText('Izvēlne', { exact: true }).isVisible(), false);
    } finally {
      await context.close();
    }
  });

  for (const viewport of [PHONE, TABLET]) {
    test(`no page scrolls sideways at ${viewport.width} px, and no table either`, { timeout: 600_000 }, async () => {
      const context = await site.browser.newContext({ viewport });
      const problems = [];
      try {
        const page = await context.newPage();
        const pages = allPages(site.dir);
        assert.ok(pages.length > 100, `only ${pages.length} pages found in ${site.dir}`);
        for (const { path } of pages) {
          await page.goto(site.server.origin + path);
          problems.push(...(await page.evaluate(sidewaysScroll)).map((p) => `${path}: ${p}`));
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, []);
    });
  }

  for (const viewport of [TABLET, DESKTOP]) {
    test(`every budget amount is on screen at ${viewport.width} px without scrolling sideways`, { timeout: 300_000 }, async () => {
      const context = await site.browser.newContext({ viewport });
      const problems = [];
      let amounts = 0;
      try {
        const page = await context.newPage();
        const budgetPages = allPages(site.dir).filter(({ html }) => html.includes('class="funding"'));
        const kinds = new Set(budgetPages.map(({ path }) => path.split('/')[1] + '/' + (path.split('/')[3] ?? '')));
        assert.ok(budgetPages.length >= 10, `only ${budgetPages.length} pages with budget tables`);
        for (const { path } of budgetPages) {
          await page.goto(site.server.origin + path);
          const result = await page.evaluate(amountsOffScreen);
          amounts += result.amounts;
          problems.push(...result.problems.map((p) => `${path}: ${p}`));
        }
        assert.ok(kinds.size >= 3, `budget tables on too few kinds of page: ${[...kinds]}`);
      } finally {
        await context.close();
      }
      assert.ok(amounts > 100, `only ${amounts} amount cells checked`);
      assert.deepEqual(problems, []);
    });
  }

  test('on a phone every table is a stack of cards, each value under its column\'s name', { timeout: 120_000 }, async () => {
    const context = await site.browser.newContext({ viewport: PHONE });
    try {
      const page = await context.newPage();
      for (const kind of ['plan', 'plan-budget', 'institutions', 'status', 'area', 'deadline-year', 'glossary']) {
        await page.goto(site.pages.get(kind));
        const tables = await page.evaluate(cardProblems);
        assert.ok(tables.checked > 0, `${kind}: no table checked`);
        assert.deepEqual(tables.problems, [], `${kind} page (${site.pages.get(kind)})`);
      }
    } finally {
      await context.close();
    }
  });

  test('on a tablet the tables of seven or more columns are cards and the others stay tables', { timeout: 120_000 }, async () => {
    const context = await site.browser.newContext({ viewport: TABLET });
    try {
      const page = await context.newPage();
      for (const kind of ['plan-budget', 'status', 'area']) {
        await page.goto(site.pages.get(kind));
        const tables = await page.evaluate(cardProblems, '.table-wrap.wide table');
        assert.ok(tables.checked > 0, `${kind}: no wide table checked`);
        assert.deepEqual(tables.problems, [], `${kind} page (${site.pages.get(kind)})`);
      }
      for (const kind of ['plan', 'institutions', 'deadline-year']) {
        await page.goto(site.pages.get(kind));
        const shown = await page.evaluate(() => [...document.querySelectorAll('.table-wrap table')]
          .map((table) => table.querySelector('thead').getBoundingClientRect().height > 1));
        assert.ok(shown.length > 0 && shown.every(Boolean), `${kind}: a narrow table lost its column headers at 768 px`);
      }
    } finally {
      await context.close();
    }
  });
});

async function visibleCount(locator) {
  let shown = 0;
  for (const element of await locator.all()) {
    shown += (await element.isVisible()) ? 1 : 0;
  }
  return shown;
}

// Runs in the page: what scrolls sideways (the page itself, or a table's box).
function sidewaysScroll() {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) {
    problems.push(`the page is ${root.scrollWidth} px wide`);
  }
  for (const box of document.querySelectorAll('.table-wrap, .chart-figure')) {
    if (box.scrollWidth > box.clientWidth + 1) {
      problems.push(`"${box.getAttribute('aria-label') ?? box.className}" scrolls by ${box.scrollWidth - box.clientWidth} px`);
    }
  }
  return problems;
}

// Runs in the page: the amount cells of budget tables that lie outside the window, or in a table
// box that scrolls sideways.
function amountsOffScreen() {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const cells = [...document.querySelectorAll('table.funding .amount')];
  for (const cell of cells) {
    const box = cell.getBoundingClientRect();
    if (box.left < 0 || box.right > width) {
      const row = cell.closest('tr').querySelector('th')?.textContent.trim().slice(0, 40);
      problems.push(`amount "${cell.textContent}" of "${row}" at ${Math.round(box.left)}–${Math.round(box.right)} px`);
    }
  }
  for (const wrap of document.querySelectorAll('.table-wrap')) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      problems.push(`"${wrap.getAttribute('aria-label')}" scrolls sideways`);
    }
  }
  if (document.documentElement.scrollWidth > width) {
    problems.push('the page scrolls sideways');
  }
  return { amounts: cells.length, problems };
}

// Runs in the page: every table `selector` finds must be cards (its rows blocks no wider than
// the page, the column headers hidden) and every data cell with text must show the name of a
// column of its table before it (its own, for the tables without merged cells).
function cardProblems(selector = '.table-wrap table') {
  const problems = [];
  let checked = 0;
  const width = document.documentElement.clientWidth;
  for (const table of document.querySelectorAll(selector)) {
    checked += 1;
    const name = table.closest('.table-wrap').getAttribute('aria-label');
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
    const thead = table.querySelector('thead');
    if (thead && thead.getBoundingClientRect().height > 1) {
      problems.push(`"${name}": the column headers are shown`);
    }
    for (const row of table.querySelectorAll('tbody tr, tfoot tr')) {
      const box = row.getBoundingClientRect();
      if (getComputedStyle(row).display !== 'block' || box.right > width) {
        problems.push(`"${name}": a row is not a card`);
        break;
      }
    }
    for (const cell of table.querySelectorAll('tbody td, tfoot td')) {
      if (cell.textContent.trim() === '' || cell.closest('tr').classList.contains('funding-note')) {
        continue;
      }
      const label = cell.dataset.label;
      const shown = getComputedStyle(cell, '::before').content;
      const merged = table.querySelector('[rowspan], [colspan]') !== null;
      const known = merged ? headers.includes(label) : headers[cell.cellIndex] === label;
      // A measure's title needs no label: it is the card's text under its number.
      const isTitle = label === undefined && headers[cell.cellIndex] === 'Pasākums';
      if (!isTitle && (!known || shown !== `"${label}: "`)) {
        problems.push(`"${name}": cell "${cell.textContent.trim().slice(0, 30)}" is labelled ${label} (shown ${shown}); columns: ${headers.join(' | ')}`);
        break;
      }
    }
  }
  return { checked, problems };
}
