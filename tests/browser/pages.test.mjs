// Every kind of page, at phone and desktop width, in Debian's Chromium: no accessibility
// violations (axe-core, WCAG 2.1 A and AA), no console errors or failed requests, one h1 and no
// skipped heading levels, a skip link to the main content as the first Tab stop, visible focus,
// and the main navigation reachable by keyboard. A screenshot of each is saved for review in
// test-results/screenshots/<kind>-<width>.png.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import axe from 'axe-core';
import { PAGE_KINDS, resultsDir, siteInBrowser } from './harness.mjs';

const WIDTHS = [
  { name: 'phone', width: 375, height: 800 },
  { name: 'desktop', width: 1280, height: 900 },
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SCREENSHOTS = join(resultsDir, 'screenshots');

describe('pages in the browser', () => {
  const site = siteInBrowser();
  before(() => mkdirSync(SCREENSHOTS, { recursive: true }));

  for (const kind of PAGE_KINDS) {
    for (const size of WIDTHS) {
      test(`${kind} page at ${size.width}px`, { timeout: 180_000 }, async (t) => {
        const url = site.pages.get(kind);
        assert.ok(url, `no ${kind} page was found by crawling from the home page`);
        const context = await site.browser.newContext({
          viewport: { width: size.width, height: size.height },
          bypassCSP: true,
        });
        try {
          const page = await context.newPage();
          const problems = watchForProblems(page, kind === 'not-found' ? url : null);
          const response = await page.goto(url, { waitUntil: 'load' });
          assert.equal(response.status(), kind === 'not-found' ? 404 : 200, `status of ${url}`);
          // The whole page, but at most 16 384 px of it: the source viewer runs to tens of
          // thousands of pixels, past what Chromium captures reliably in one texture (under
          // load it failed with "Unable to capture screenshot").
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          await page.screenshot({
            path: join(SCREENSHOTS, `${kind}-${size.width}.png`),
            fullPage: true,
            clip: { x: 0, y: 0, width: size.width, height: Math.min(height, 16_384) },
          });

          await t.test('has no axe violations', async () => {
            const violations = await axeViolations(page);
            assert.deepEqual(violations, [], `axe violations on ${url}:\n${violations.join('\n')}`);
          });
          await t.test('has one h1 and no skipped heading levels', async () => {
            const problems = headingProblems(await headings(page));
            assert.deepEqual(problems, [], `headings on ${url}:\n${problems.join('\n')}`);
          });
          await t.test('is usable by keyboard', async () => {
            const problems = await keyboardProblems(page);
            assert.deepEqual(problems, [], `keyboard on ${url}:\n${problems.join('\n')}`);
          });
          await t.test('logs no console errors and no failed requests', () => {
            assert.deepEqual(problems, [], `on ${url}:\n${problems.join('\n')}`);
          });
        } finally {
          await context.close();
        }
      });
    }
  }
});

test('the heading check finds a missing h1, a second h1 and a skipped level', () => {
  const outline = (...levels) => levels.map((level) => ({ level, text: `h${level}` }));
  assert.deepEqual(headingProblems(outline(1, 2, 3, 2, 3)), []);
  assert.deepEqual(headingProblems(outline(2, 3)), ['0 h1 elements instead of 1', 'h2 "h2" follows h(none)']);
  assert.deepEqual(headingProblems(outline(1, 2, 1)), ['2 h1 elements instead of 1']);
  assert.deepEqual(headingProblems(outline(1, 2, 4)), ['h4 "h4" follows h2']);
});

// Collects console errors, uncaught exceptions, failed requests and error responses on `page`.
// `expected404` is the URL whose 404 is the point of the test (the not-found page).
function watchForProblems(page, expected404) {
  const problems = [];
  page.on('console', (message) => {
    const own404 = expected404 !== null && message.location().url === expected404;
    if (message.type() === 'error' && !own404) {
      problems.push(`console error: ${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url() !== expected404) {
      problems.push(`HTTP ${response.status()}: ${response.url()}`);
    }
  });
  return problems;
}

// axe-core's WCAG 2.1 A/AA violations, one line per rule with its targets.
async function axeViolations(page) {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    AXE_TAGS,
  );
  return result.violations.map((violation) => {
    const targets = violation.nodes.map((node) => node.target.join(' ')).join(', ');
    return `${violation.id} (${violation.impact}): ${violation.help} — ${targets}`;
  });
}

// The levels and texts of the page's headings, in document order.
function headings(page) {
  return page.$$eval('h1, h2, h3, h4, h5, h6', (elements) =>
    elements.map((h) => ({ level: Number(h.tagName[1]), text: h.textContent.trim() })),
  );
}

// What is wrong with a heading outline: not exactly one h1, or a level deeper than the one
// before it plus one (an h2 followed by an h4).
function headingProblems(outline) {
  const problems = [];
  const h1s = outline.filter((h) => h.level === 1).length;
  if (h1s !== 1) {
    problems.push(`${h1s} h1 elements instead of 1`);
  }
  let previous = 0;
  for (const heading of outline) {
    if (heading.level > previous + 1) {
      problems.push(`h${heading.level} "${heading.text}" follows h${previous || '(none)'}`);
    }
    previous = heading.level;
  }
  return problems;
}

// Runs in the page: facts about the focused element.
function focusedElement() {
  const element = document.activeElement;
  if (!element || element === document.body) {
    return null;
  }
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  const href = element.getAttribute('href') ?? '';
  const target = href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
  const main = document.querySelector('main, [role="main"]');
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return {
    description: `<${element.tagName.toLowerCase()}> "${element.textContent.trim().slice(0, 40)}"`,
    href,
    targetsMain: Boolean(target && main && (target === main || main.contains(target) || target.contains(main))),
    focusVisible: outline || style.boxShadow !== 'none',
    shown: box.width > 1 && box.height > 1,
    nav: element.dataset.testNav ?? null,
    opensMenu: element.tagName === 'SUMMARY' || element.getAttribute('aria-expanded') === 'false',
  };
}

// Runs in the page: numbers the main navigation's links (data-test-nav) and returns the numbers
// of those shown at this width, or null when the page has no navigation.
function markNavigation() {
  const nav = document.querySelector('header nav') ?? document.querySelector('nav');
  if (!nav) {
    return null;
  }
  const shown = [];
  nav.querySelectorAll('a[href]').forEach((link, i) => {
    link.dataset.testNav = String(i);
    // checkVisibility also sees a closed <details> menu, whose content keeps its boxes.
    if (link.checkVisibility({ visibilityProperty: true })) {
      shown.push(String(i));
    }
  });
  return shown;
}

// The first Tab stop must be a shown skip link to the main content with visible focus; tabbing
// on must reach every main navigation link (opening a menu button on the way, as on phones) and
// show focus on each.
async function keyboardProblems(page) {
  const problems = [];
  await page.keyboard.press('Tab');
  const first = await page.evaluate(focusedElement);
  if (!first) {
    return ['the first Tab focuses nothing'];
  }
  if (!first.targetsMain) {
    problems.push(`the first Tab stop ${first.description} (href "${first.href}") is not a skip link to the main content`);
  }
  if (!first.shown) {
    problems.push(`the skip link ${first.description} is not shown when focused`);
  }
  if (!first.focusVisible) {
    problems.push(`the skip link ${first.description} has no visible focus (outline or box-shadow)`);
  }

  let wanted = await page.evaluate(markNavigation);
  if (wanted === null) {
    return [...problems, 'the page has no <nav>'];
  }
  const reached = new Set();
  let opened = false;
  const limit = 80 + wanted.length;
  for (let i = 0; i < limit && (wanted.length === 0 || reached.size < wanted.length); i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(focusedElement);
    if (!focused) {
      continue;
    }
    if (focused.nav !== null && !reached.has(focused.nav)) {
      reached.add(focused.nav);
      if (!focused.focusVisible) {
        problems.push(`navigation link ${focused.description} has no visible focus`);
      }
    } else if (wanted.length === 0 && focused.opensMenu && !opened) {
      opened = true;
      await page.keyboard.press('Enter');
      wanted = await page.evaluate(markNavigation);
    }
  }
  if (wanted.length === 0) {
    problems.push('no main navigation link is shown, and no menu button opens one');
  }
  const missed = wanted.filter((n) => !reached.has(n));
  if (missed.length > 0) {
    problems.push(`navigation links ${missed.join(', ')} (by position) were not reached by Tab`);
  }
  return problems;
}
