// Plan editions in the browser (issue 14), on a site built from a copy of this project whose
// trafficking plan 2025–2027 has two editions: an earlier one made from the real seed by two
// edits (result 1.1 due 30.06.2026. instead of 31.12.2027., and an extra result 3.3 the current
// edition drops), then the real seed as the current edition. Given that site, a reader sees the
// deadline's move on the measure page with both editions' lines, the removed result keeps its
// page marked as removed, the plan's and the portal's "Izmaiņas" pages list the changes, and the
// feed has an entry per edition. The new pages have no axe violations and no vnu errors at
// phone and desktop width; screenshots go to test-results/screenshots/changes-*.png.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import axe from 'axe-core';
import vnuJar from 'vnu-jar';
import { buildSite, launchBrowser, repoRoot, resultsDir, serveSite } from './harness.mjs';

const PLAN = 'cilveku-tirdznieciba-2025-2027';
const CURRENT = '002_5ef2c56a3aa0266d.txt';
const EARLIER = '002_agraka.txt';
const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
];
const SCREENSHOTS = join(resultsDir, 'screenshots');

// A copy of the project in a temporary folder, with the plan's earlier edition beside its seed.
function projectWithTwoEditions() {
  const root = mkdtempSync(join(tmpdir(), 'planportal-editions-'));
  for (const folder of ['seeds', 'content', 'themes']) {
    if (existsSync(join(repoRoot, folder))) {
      cpSync(join(repoRoot, folder), join(root, folder), { recursive: true });
    }
  }
  const lines = readFileSync(join(root, 'seeds', CURRENT), 'utf8').split('\n');
  const start = lines.findIndex((line) => line.startsWith('\t3.2. '));
  assert.ok(start > 0, 'result 3.2 of the seed');
  let end = start + 1;
  while (!/^\t\d+\.(\d+\.)? /.test(lines[end])) end += 1;
  const extra = lines.slice(start, end);
  extra[0] = '\t3.3. Izdoti bukleti par darba tiesībām sezonas strādniekiem';
  lines.splice(end, 0, ...extra);
  let text = lines.join('\n');
  const row = text.indexOf('\t1.1. ');
  const deadline = text.indexOf('31.12.2027.', row);
  assert.ok(row > 0 && deadline > row, 'result 1.1 and its deadline');
  text = `${text.slice(0, deadline)}30.06.2026.${text.slice(deadline + '31.12.2027.'.length)}`;
  writeFileSync(join(root, 'seeds', EARLIER), text);

  const planFile = join(root, 'content', 'plans', `${PLAN}.md`);
  const plan = readFileSync(planFile, 'utf8');
  const [, front, body] = plan.split('+++\n');
  const editions = [
    '',
    '[[editions]]',
    `source = "${EARLIER}"`,
    'date = 2025-04-15',
    'note = "Testa redakcija"',
    '',
    '[[editions]]',
    `source = "${CURRENT}"`,
    'date = 2026-03-01',
    'note = "Grozījumi"',
    'url = "https://likumi.lv/ta/id/1"',
    '',
  ].join('\n');
  const withoutSource = front.replace(`source = "${CURRENT}"\n`, '');
  assert.notEqual(withoutSource, front, 'the plan names its seed');
  writeFileSync(planFile, `+++\n${withoutSource}${editions}+++\n${body}`);
  return root;
}

// axe-core's WCAG 2.1 A/AA violations on `page`, one line per rule.
async function axeViolations(page) {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('a plan with two editions', () => {
  const site = {};
  before(() => {
    site.dir = buildSite(projectWithTwoEditions(), join(mkdtempSync(join(tmpdir(), 'planportal-editions-site-')), 'public'));
  });
  before(async () => {
    site.server = await serveSite(site.dir);
    site.browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });

  const pages = {
    'plan-changes': `/plani/${PLAN}/izmainas/`,
    changes: '/izmainas/',
    'measure-history': `/plani/${PLAN}/pasakumi/1.1/`,
    'removed-measure': `/plani/${PLAN}/pasakumi/3.3/`,
    'plan-editions': `/plani/${PLAN}/`,
    'earlier-source': '/avoti/002_agraka/',
  };

  for (const [name, path] of Object.entries(pages)) {
    for (const size of WIDTHS) {
      test(`${name} at ${size.width} px: no axe violations, no sideways scroll, a small phone header`, { timeout: 120_000 }, async () => {
        const context = await site.browser.newContext({ viewport: size, bypassCSP: true });
        try {
          const page = await context.newPage();
          const errors = [];
          page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
          const response = await page.goto(site.server.origin + path);
          assert.equal(response.status(), 200, path);
          await page.screenshot({ path: join(SCREENSHOTS, `changes-${name}-${size.width}.png`), fullPage: true });
          assert.deepEqual(await axeViolations(page), [], path);
          assert.deepEqual(errors, [], path);
          if (size.width < 600) {
            const header = await page.locator('header').boundingBox();
            assert.ok(header.height <= 120, `${path}: the header is ${header.height} px high`);
          }
          const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(wide <= 0, `${path} scrolls sideways by ${wide} px at ${size.width} px`);
        } finally {
          await context.close();
        }
      });
    }
  }

  test('the measure page shows the deadline moved, with both editions\' lines', { timeout: 60_000 }, async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(site.server.origin + pages['measure-history']);
      const history = page.locator('.measure-history');
      await assert.doesNotReject(history.waitFor());
      const text = (await history.innerText()).replace(/\s+/g, ' ');
      assert.match(text, /Redakcija 01\.03\.2026\. \(Grozījumi\) \(pašreizējā\), salīdzinājumā ar Redakcija 15\.04\.2025\. \(Testa redakcija\)/);
      assert.match(text, /Termiņš: iepriekš “30\.06\.2026\.”, tagad “31\.12\.2027\.”\./);
      // The earlier edition's lines open in its own source view, highlighted.
      await history.getByRole('link', { name: /^rindas/ }).first().click();
      await page.waitForURL(/\/avoti\/002_agraka\/\?rindas=/);
      assert.ok((await page.locator('.source-lines li.in-range').count()) > 0, 'highlighted lines');
    } finally {
      await page.close();
    }
  });

  test('the removed result keeps its page, marked, and the plan does not count it', { timeout: 60_000 }, async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(site.server.origin + pages['removed-measure']);
      assert.match(await page.locator('.removed-note').innerText(), /Pasākums izņemts 01\.03\.2026\. redakcijā \(Grozījumi\)\./);
      assert.match(await page.locator('h1').innerText(), /3\.3 Izdoti bukleti/);
      await page.goto(site.server.origin + pages['plan-editions']);
      const editions = (await page.locator('.plan-editions').innerText()).replace(/\s+/g, ' ');
      assert.match(editions, /Redakcija 01\.03\.2026\. \(Grozījumi\) pašreizējā/);
      assert.match(editions, /Izņemtie pasākumi \(to lapas saglabātas\): 3\.3 Izdoti bukleti/);
      assert.equal(await page.locator('table.measures a[href$="/pasakumi/3.3/"]').count(), 0, 'not among the measures');
    } finally {
      await page.close();
    }
  });

  test('the Izmaiņas pages list exactly the two changes and the feed has the edition', { timeout: 60_000 }, async () => {
    const page = await site.browser.newPage();
    try {
      for (const path of [pages['plan-changes'], pages.changes]) {
        await page.goto(site.server.origin + path);
        const items = await page.locator('.changes > li').allInnerTexts();
        assert.equal(items.length, 2, `${path}: ${items.join(' | ')}`);
        assert.match(items.join(' | '), /Termiņš: iepriekš “30\.06\.2026\.”, tagad “31\.12\.2027\.”/);
        assert.match(items.join(' | '), /Izņemts: “Izdoti bukleti/);
      }
      // Reached from every page's navigation.
      await page.goto(site.server.origin + '/');
      assert.equal(await page.locator('nav.main-nav a[href="/izmainas/"]').count(), 1);
    } finally {
      await page.close();
    }
    const feed = readFileSync(join(site.dir, 'izmainas', 'atom.xml'), 'utf8');
    assert.match(feed, new RegExp(`<id>https://planportal.example/plani/${PLAN}/izmainas/#redakcija-2026-03-01</id>`));
    assert.match(feed, /<updated>2026-03-01T00:00:00Z<\/updated>/);
  });

  test('the new pages are valid HTML', { timeout: 300_000 }, () => {
    const files = Object.values(pages).map((path) => join(site.dir, path, 'index.html'));
    const run = spawnSync('java', ['-jar', String(vnuJar), '--errors-only', ...files], { encoding: 'utf8' });
    assert.equal(run.error, undefined, `cannot run java: ${run.error}`);
    const report = `${run.stdout}${run.stderr}`.trim();
    assert.equal(run.status, 0, report);
    assert.equal(report, '');
  });
});
