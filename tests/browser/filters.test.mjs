// Finding measures by year, role and institution as a journalist would: an institution page
// filtered by year and role, a deadline-year page filtered by institution, and recurring
// measures listed under every year they cover. Without JavaScript every row stays listed.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { siteInBrowser } from './harness.mjs';

const DESKTOP = { width: 1280, height: 900 };

// Runs in the page: the shown rows of the measure tables (not hidden, not in a hidden group).
function shownRows() {
  return [...document.querySelectorAll('main tbody tr[data-years]')]
    .filter((row) => row.checkVisibility())
    .map((row) => ({
      href: row.querySelector('th a').getAttribute('href'),
      years: row.dataset.years.split(' '),
      institutions: row.dataset.institutions.split(' '),
      role: row.closest('[data-role]')?.dataset.role ?? null,
    }));
}

describe('filters by year, role and institution', () => {
  const site = siteInBrowser();
  // The data's `url` is absolute when the site is built with a full base URL; pages link by path.
  const measures = () =>
    JSON.parse(readFileSync(join(site.dir, 'data', 'measures.json'), 'utf8')).map((m) => ({
      ...m,
      url: new URL(m.url, 'http://localhost/').pathname,
    }));

  test('an institution page filters its measures by year and by role', { timeout: 60_000 }, async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP });
    try {
      const page = await context.newPage();
      await page.goto(`${site.server.origin}/iestades/vp/`);
      const all = await page.evaluate(shownRows);
      assert.ok(all.length > 20, `${all.length} rows`);
      const status = page.locator('.filter-status');
      assert.match(await status.innerText(), /Parādīti visi pasākumi: \d+\./);

      await page.getByLabel('Gads').selectOption('2025');
      const in2025 = await page.evaluate(shownRows);
      assert.ok(in2025.length > 0 && in2025.length < all.length, `${in2025.length} of ${all.length}`);
      assert.ok(in2025.every((r) => r.years.includes('2025')), JSON.stringify(in2025));
      assert.match(await status.innerText(), /^Parādīti pasākumi: \d+ no \d+\.$/);

      await page.getByLabel('Gads').selectOption('');
      await page.getByLabel('Loma').selectOption('iesaistita');
      const involved = await page.evaluate(shownRows);
      assert.ok(involved.length > 0 && involved.every((r) => r.role === 'iesaistita'), JSON.stringify(involved));
      // A plan where the institution has no involved measure disappears as a whole.
      const plansShown = await page.$$eval('#iestades-pasakumi > section', (s) => s.filter((x) => x.checkVisibility()).length);
      const plansAll = await page.$$eval('#iestades-pasakumi > section', (s) => s.length);
      assert.ok(plansShown < plansAll, `${plansShown} of ${plansAll} plans shown`);

      // The counts table agrees with the rows: one number per plan and role.
      const counts = await page.$$eval('main table:not(.measures) tbody tr', (rows) =>
        rows.map((r) => [...r.querySelectorAll('td')].map((td) => Number(td.textContent))),
      );
      const involvedCount = counts.reduce((sum, row) => sum + row[2], 0);
      assert.equal(involved.length, involvedCount);
    } finally {
      await context.close();
    }
  });

  test('a deadline-year page filters by institution, and lists recurring measures of that year', { timeout: 60_000 }, async () => {
    const recurring = measures().filter((m) => m.recurring && /sākot (no|ar) 2024/.test(m.deadline));
    assert.ok(recurring.length > 0, 'no measure recurs from 2024');
    const context = await site.browser.newContext({ viewport: DESKTOP });
    try {
      const page = await context.newPage();
      await page.goto(`${site.server.origin}/termini/2025/`);
      const all = await page.evaluate(shownRows);
      // A measure recurring from 2024 is listed under 2025 too.
      for (const m of recurring) {
        assert.ok(all.some((r) => r.href === m.url), `${m.url} (${m.deadline}) not under 2025`);
      }
      await page.getByLabel('Iestāde').selectOption('vp');
      const vp = await page.evaluate(shownRows);
      assert.ok(vp.length > 0 && vp.length < all.length, `${vp.length} of ${all.length}`);
      assert.ok(vp.every((r) => r.institutions.includes('vp')), JSON.stringify(vp));
    } finally {
      await context.close();
    }
  });

  test('without JavaScript the filters are not shown and every row is', { timeout: 60_000 }, async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${site.server.origin}/iestades/vp/`);
      assert.equal(await page.locator('form.filters').isVisible(), false);
      const rows = await page.$$eval('main tbody tr[data-years]', (rows) => rows.filter((r) => r.checkVisibility()).length);
      const total = await page.$$eval('main tbody tr[data-years]', (rows) => rows.length);
      assert.equal(rows, total);
    } finally {
      await context.close();
    }
  });
});
