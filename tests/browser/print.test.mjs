// Printing: a measure page, an institution page and the accessibility statement (the editorial
// page that links to other sites) under print media, at the width of an A4 page's text area.
// Nothing that only works on a screen is printed (skip link, navigation, forms, collapsed
// excerpts, the footer's links), the main content is, nothing is cut off at the paper's edge,
// and links to other sites print their address while this site's own links do not. Each page is
// also saved as a PDF for review in test-results/print/<kind>.pdf.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { resultsDir, siteInBrowser } from './harness.mjs';

const PRINTED = ['measure', 'institution', 'accessibility'];
// A4 (210 mm) less the stylesheet's 1.5 cm margins on both sides, in CSS pixels (96 per inch).
const PAPER_WIDTH = Math.floor(((210 - 30) / 25.4) * 96);
const PRINTOUTS = join(resultsDir, 'print');

const site = siteInBrowser();
before(() => mkdirSync(PRINTOUTS, { recursive: true }));

test('pages print their content without the screen-only parts', { timeout: 120_000 }, async (t) => {
  let externalLinks = 0;
  for (const kind of PRINTED) {
    await t.test(`${kind} page`, async () => {
      const url = site.pages.get(kind);
      assert.ok(url, `no ${kind} page was found by crawling from the home page`);
      const context = await site.browser.newContext({ viewport: { width: PAPER_WIDTH, height: 1000 } });
      try {
        const page = await context.newPage();
        await page.goto(url, { waitUntil: 'load' });
        await page.emulateMedia({ media: 'print' });
        const printed = await page.evaluate(printFacts);
        externalLinks += printed.externalLinks;
        assert.deepEqual(printed.problems, [], `printing ${url}:\n${printed.problems.join('\n')}`);

        const pdf = await page.pdf({ path: join(PRINTOUTS, `${kind}.pdf`), preferCSSPageSize: true });
        assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', `the printout of ${url} is no PDF`);
      } finally {
        await context.close();
      }
    });
  }
  assert.ok(externalLinks > 0, `no printed page has a link to another site, so the link check checked nothing`);
});

// Runs in the page under print media: what is wrong with the printout, and how many links to
// other sites were checked.
function printFacts() {
  const problems = [];
  const rendered = (element) => element.checkVisibility();
  const describe = (element) => {
    const classes = [...element.classList].map((c) => `.${c}`).join('');
    return `<${element.tagName.toLowerCase()}${classes}> "${element.textContent.trim().slice(0, 40)}"`;
  };

  const main = document.querySelector('main');
  if (!main || !rendered(main) || main.innerText.trim() === '') {
    return { problems: ['the main content is not printed'], externalLinks: 0 };
  }
  const h1 = main.querySelector('h1');
  if (!h1 || !rendered(h1)) {
    problems.push('the page heading (h1 in main) is not printed');
  }
  for (const row of main.querySelectorAll('tr')) {
    if (!rendered(row)) {
      problems.push(`table row ${describe(row)} is not printed`);
    }
  }

  // Screen-only parts: the skip link to the main content, every navigation, form, form
  // control and disclosure widget, and the links in the footer.
  const screenOnly = [
    `a[href="#${main.id}"]`,
    'nav',
    'form',
    'input',
    'button',
    'select',
    'textarea',
    'details',
    'footer a',
  ];
  for (const element of document.querySelectorAll(screenOnly.join(', '))) {
    if (rendered(element)) {
      problems.push(`${describe(element)} is printed, though it only works on a screen`);
    }
  }

  // Nothing wider than the paper: it would be cut off at the page's edge.
  if (document.documentElement.scrollWidth > window.innerWidth) {
    problems.push(`the page is ${document.documentElement.scrollWidth}px wide, the paper ${window.innerWidth}px`);
  }
  for (const element of main.querySelectorAll('*')) {
    const overflow = getComputedStyle(element).overflowX;
    if (overflow !== 'visible' && element.clientWidth > 1 && element.scrollWidth > element.clientWidth + 1) {
      problems.push(`${describe(element)} cuts off its content (overflow-x: ${overflow})`);
    }
  }

  // Links to other sites print their address after the link text; this site's own links print
  // no address (it would lack the host).
  let externalLinks = 0;
  for (const link of main.querySelectorAll('a[href]')) {
    if (!rendered(link)) {
      continue;
    }
    const after = getComputedStyle(link, '::after').content;
    const printsAddress = after !== 'none' && after !== 'normal';
    const target = new URL(link.href);
    if (/^https?:$/.test(target.protocol) && target.origin !== location.origin) {
      externalLinks += 1;
      if (!printsAddress || !after.includes(link.getAttribute('href'))) {
        problems.push(`link ${describe(link)} to another site does not print its address (::after ${after})`);
      }
    } else if (printsAddress) {
      problems.push(`link ${describe(link)} on this site prints ${after}`);
    }
  }
  return { problems, externalLinks };
}
