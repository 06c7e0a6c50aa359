// Plan editions in the browser (issue 14), on a site built from a copy of this project whose
// trafficking plan 2025–2027 has two editions: the document as adopted, and an amended copy made
// from it as `tests/editions.rs` makes it (result 2.2 dropped, 3.1's deadline moved, a new result
// 3.2 put before the old one, which becomes 3.3, and measure 4 gaining a result 4.2). Given that
// site, a reader sees the deadline's move on the measure page with both editions' lines, the
// renumbered result's history, the dropped result's page marked as removed, the plan's and the
// portal's "Izmaiņas" pages with exactly those five changes, and the feed's entry. The new pages
// have no axe violations, no sideways scroll and no vnu errors at phone and desktop width;
// screenshots go to test-results/screenshots/changes-*.png.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import axe from 'axe-core';
import vnuJar from 'vnu-jar';
import { allPages, buildSite, launchBrowser, repoRoot, resultsDir, serveSite } from './harness.mjs';

const PLAN = 'cilveku-tirdznieciba-2025-2027';
const ADOPTED = '002_5ef2c56a3aa0266d.txt';
const AMENDED = '002_grozijumi_2026.txt';
const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
];
const SCREENSHOTS = join(resultsDir, 'screenshots');

// `text` with `find` replaced once by `replace`; `find` must be there.
function edit(text, find, replace) {
  assert.ok(text.includes(find), `${JSON.stringify(find)} is not in the text`);
  return text.replace(find, () => replace);
}

// The amended edition, made from the adopted document as `tests/editions.rs` makes it.
function amended(adopted) {
  const lines = adopted.split('\n');
  const lineOf = (start) => {
    const index = lines.findIndex((l) => l.replace(/^\t+/, '').startsWith(start));
    assert.ok(index >= 0, `no line starts with ${start}`);
    return index;
  };
  // Result 2.2 dropped: from the empty cell before it to the next measure.
  lines.splice(lineOf('2.2 Īstenoti') - 1, lineOf('3. Īstenot informatīvus') - lineOf('2.2 Īstenoti') + 1);
  let text = lines.join('\n');
  text = edit(text, '\tLR Tiesībsargs, ĀM\n\t\n\t31.12.2025.', '\tLR Tiesībsargs, ĀM\n\t\n\t30.06.2026.');
  text = edit(
    text,
    '\t3.2. Atjaunoti un Latvijas vēstniecībās',
    '\t3.2. Īstenots izglītojošais darbs jauniešu centru apmeklētājiem\n\t· Īstenotas vismaz 5 nodarbības par ' +
      'darba piedāvājumu riskiem\n\tIeM\n\t\n\t31.12.2026.\n\n\t\n\t3.3. Atjaunoti un Latvijas vēstniecībās',
  );
  return edit(
    text,
    '\t2.\u00a0RĪCĪBAS VIRZIENS: ATBALSTS',
    '\t\n\t4.2. Apmācīti iepirkumu speciālisti par vadlīniju piemērošanu\n\t· Apmācīti vismaz 50 iepirkumu ' +
      'speciālisti\n\tIeM, IUB\n\t\n\t31.12.2026.\n\n\t2.\u00a0RĪCĪBAS VIRZIENS: ATBALSTS',
  );
}

// A copy of the project in a temporary folder whose trafficking plan lists the adopted document
// and the amended copy as its editions; the registry's correction of the adopted document's
// definition of LPS moves to the amended edition, the one resolved now.
function projectWithTwoEditions() {
  const root = mkdtempSync(join(tmpdir(), 'planportal-editions-'));
  for (const folder of ['seeds', 'content', 'themes']) {
    if (existsSync(join(repoRoot, folder))) {
      cpSync(join(repoRoot, folder), join(root, folder), { recursive: true });
    }
  }
  const adopted = readFileSync(join(root, 'seeds', ADOPTED), 'utf8');
  writeFileSync(join(root, 'seeds', AMENDED), amended(adopted));
  const planFile = join(root, 'content', 'plans', `${PLAN}.md`);
  let plan = edit(readFileSync(planFile, 'utf8'), `source = "${ADOPTED}"\n`, '');
  plan = edit(
    plan,
    'weight = 2\n',
    `weight = 2\n\n[[editions]]\nsource = "${ADOPTED}"\ndate = 2025-05-13\nnote = "Pieņemts"\n\n` +
      `[[editions]]\nsource = "${AMENDED}"\ndate = 2026-03-10\nnote = "Grozījumi"\nurl = "https://likumi.lv/ta/id/2"\n`,
  );
  writeFileSync(planFile, plan);
  const registryFile = join(root, 'content', 'institutions.toml');
  writeFileSync(
    registryFile,
    edit(readFileSync(registryFile, 'utf8'), `file = "${ADOPTED}"`, `file = "${AMENDED}"`),
  );
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
    'measure-history': `/plani/${PLAN}/pasakumi/3.1/`,
    'renumbered-measure': `/plani/${PLAN}/pasakumi/3.3/`,
    'removed-measure': `/plani/${PLAN}/pasakumi/2.2/`,
    'plan-editions': `/plani/${PLAN}/`,
    'earlier-source': '/avoti/002_5ef2c56a3aa0266d/',
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
      assert.match(await page.locator('main').innerText(), /Pēdējās izmaiņas: 10\.03\.2026\. redakcijā \(Grozījumi\)\./);
      const history = page.locator('.measure-history');
      const text = (await history.innerText()).replace(/\s+/g, ' ');
      assert.match(text, /Redakcija 10\.03\.2026\. \(Grozījumi\) \(pašreizējā\), salīdzinājumā ar Redakcija 13\.05\.2025\. \(Pieņemts\)/);
      assert.match(text, /Termiņš: iepriekš “31\.12\.2025\.”, tagad “30\.06\.2026\.”\./);
      // The adopted edition's lines open in its own source view, highlighted.
      await history.getByRole('link', { name: /^rindas/ }).first().click();
      await page.waitForURL(/\/avoti\/002_5ef2c56a3aa0266d\/\?rindas=/);
      assert.ok((await page.locator('.source-lines li.in-range').count()) > 0, 'highlighted lines');
      assert.match(await page.locator('main').innerText(), /Plāna agrāka redakcija: Redakcija 13\.05\.2025\. \(Pieņemts\)/);
      // The renumbered result says so.
      await page.goto(site.server.origin + pages['renumbered-measure']);
      assert.match(await page.locator('.measure-history').innerText(), /Pārnumurēts: iepriekš 3\.2, tagad 3\.3\./);
    } finally {
      await page.close();
    }
  });

  test('the removed result keeps its page, marked, and the plan does not count it', { timeout: 60_000 }, async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(site.server.origin + pages['removed-measure']);
      assert.match(await page.locator('.removed-note').innerText(), /Pasākums izņemts 10\.03\.2026\. redakcijā \(Grozījumi\)\./);
      assert.match(await page.locator('h1').innerText(), /2\.2 Īstenoti informatīvi un izglītojoši pasākumi sociālajos tīklos/);
      await page.goto(site.server.origin + pages['plan-editions']);
      const editions = (await page.locator('.plan-editions').innerText()).replace(/\s+/g, ' ');
      assert.match(editions, /Redakcija 10\.03\.2026\. \(Grozījumi\) pašreizējā — avota teksts, oficiālā publikācija Redakcija 13\.05\.2025\. \(Pieņemts\) — avota teksts/);
      assert.match(editions, /Izmaiņas starp redakcijām \(5 izmaiņas\)\./);
      assert.match(editions, /Izņemtie pasākumi \(to lapas saglabātas\): 2\.2 Īstenoti informatīvi/);
      assert.equal(await page.locator('table.measures a[href$="/pasakumi/2.2/"]').count(), 0, 'not among the measures');
      assert.equal(await page.locator('table.measures a[href$="/pasakumi/4.2/"]').count(), 1, 'the added result is');
    } finally {
      await page.close();
    }
  });

  test('the Izmaiņas pages list exactly the five changes and the feed has the edition', { timeout: 60_000 }, async () => {
    const page = await site.browser.newPage();
    try {
      for (const path of [pages['plan-changes'], pages.changes]) {
        await page.goto(site.server.origin + path);
        const measures = await page.locator('.change-measures > li > a').allInnerTexts();
        assert.deepEqual(measures, ['3.1', '3.2', '3.3', '4.2', '2.2'], path);
        const items = (await page.locator('.changes > li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
        assert.equal(items.length, 5, `${path}: ${items.join(' | ')}`);
        assert.match(items[0], /^Termiņš: iepriekš “31\.12\.2025\.”, tagad “30\.06\.2026\.”\. Avots: iepriekš rindas \d+–\d+, tagad rindas \d+–\d+$/);
        assert.match(items[1], /^Pievienots: “Īstenots izglītojošais darbs jauniešu centru apmeklētājiem”\./);
        assert.match(items[2], /^Pārnumurēts: iepriekš 3\.2, tagad 3\.3\./);
        assert.match(items[3], /^Pievienots: “Apmācīti iepirkumu speciālisti par vadlīniju piemērošanu”\./);
        assert.match(items[4], /^Izņemts: “Īstenoti informatīvi un izglītojoši pasākumi sociālajos tīklos”\./);
      }
      // Reached from every page's navigation.
      await page.goto(site.server.origin + '/');
      assert.equal(await page.locator('nav.main-nav a[href="/izmainas/"]').count(), 1);
    } finally {
      await page.close();
    }
    const feed = readFileSync(join(site.dir, 'izmainas', 'atom.xml'), 'utf8');
    assert.match(feed, new RegExp(`<id>https://planportal.example/plani/${PLAN}/izmainas/#redakcija-2026-03-10</id>`));
    assert.match(feed, /<updated>2026-03-10T00:00:00Z<\/updated>/);
    assert.match(feed, /3\.3 pārnumurēts: iepriekš 3\.2, tagad 3\.3\./);
  });

  test('every link between the pages of the site with two editions leads to a page', () => {
    const broken = [];
    let links = 0;
    for (const { path, html } of allPages(site.dir)) {
      for (const [, href] of html.matchAll(/\shref="(\/[^"#?]*)[^"]*"/g)) {
        links += 1;
        const target = join(site.dir, decodeURI(href), href.endsWith('/') ? 'index.html' : '');
        if (!existsSync(target)) broken.push(`${path} → ${href}`);
      }
    }
    assert.ok(links > 10_000, `only ${links} links`);
    assert.deepEqual(broken, []);
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
