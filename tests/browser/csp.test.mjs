// Every kind of page under the site's own Content-Security-Policy, enforced as a visitor's
// browser enforces it: the policy of each page's <meta> plus the headers of the site's
// `_headers` file (the harness serves them), and no `bypassCSP` (pages.test.mjs needs that to
// inject axe-core, so it runs in its own contexts). At phone and desktop width each page loads,
// runs its scripts (the search page answers a query) and must cause no `securitypolicyviolation`
// event and no "Refused to …" or Content-Security-Policy console message. The first test proves
// that the policy is in force and that a violation is heard.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PAGE_KINDS, siteInBrowser } from './harness.mjs';

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
];

// A query the real documents answer, for the search page.
const QUERY = 'cilvēku tirdzniecība';

describe('pages under their Content-Security-Policy', () => {
  const site = siteInBrowser();

  test('a page cannot run inline script or apply inline style, and the check hears it', { timeout: 60_000 }, async () => {
    const { context, page, violations } = await guardedPage(site.browser, WIDTHS[1]);
    try {
      await page.goto(site.pages.get('home'), { waitUntil: 'load' });
      const ran = await page.evaluate(() => {
        const styled = document.createElement('p');
        styled.setAttribute('style', 'color: red');
        styled.textContent = 'inline style';
        document.body.append(styled);
        const script = document.createElement('script');
        script.textContent = 'window.inlineScriptRan = true;';
        document.body.append(script);
        return window.inlineScriptRan === true;
      });
      assert.equal(ran, false, 'an inline script ran');
      const events = () => violations.filter((v) => !v.startsWith('console:'));
      const messages = () => violations.filter((v) => v.startsWith('console:'));
      // Each is blocked twice: by the <meta> policy and by the header policy.
      await until(() => events().length >= 4 && messages().length >= 4);
      const directives = events().map((v) => v.split(':')[0]).sort();
      assert.deepEqual(
        directives,
        [
          'script-src-elem (header policy)',
          'script-src-elem (meta policy)',
          'style-src-attr (header policy)',
          'style-src-attr (meta policy)',
        ],
        violations.join('\n'),
      );
      assert.equal(messages().length, 4, violations.join('\n'));
    } finally {
      await context.close();
    }
  });

  for (const kind of PAGE_KINDS) {
    for (const size of WIDTHS) {
      test(`${kind} page at ${size.width}px under its CSP`, { timeout: 120_000 }, async () => {
        const url = site.pages.get(kind);
        assert.ok(url, `no ${kind} page was found by crawling from the home page`);
        const { context, page, violations } = await guardedPage(site.browser, size);
        try {
          const response = await page.goto(url, { waitUntil: 'networkidle' });
          const declared = await page.$eval('head > meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
          assert.match(declared, /default-src 'none'/, `${url}: the page declares no strict policy`);
          assert.doesNotMatch(declared, /unsafe|\*|data:|https?:/, `${url}: the policy has a loophole`);
          const sent = response.headers()['content-security-policy'];
          assert.equal(sent, `${declared}; frame-ancestors 'none'`, `${url}: _headers and <meta> disagree`);
          assert.equal(response.headers()['x-content-type-options'], 'nosniff', url);
          if (kind === 'search') {
            await page.fill('#q', QUERY);
            await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length > 0);
            await page.waitForLoadState('networkidle');
          }
          assert.deepEqual(violations, [], `CSP violations on ${url}:\n${violations.join('\n')}`);
        } finally {
          await context.close();
        }
      });
    }
  }
});

// A page in a fresh context without `bypassCSP`, and the list its CSP violations go to: each
// `securitypolicyviolation` event (heard from before the page's first byte) as "directive
// (meta|header policy): blocked at file:line sample", and each console message about the policy.
async function guardedPage(browser, viewport) {
  const context = await browser.newContext({ viewport });
  const violations = [];
  await context.exposeBinding('reportCspViolation', (_source, violation) => violations.push(violation));
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        // Only the header policy has frame-ancestors (a <meta> cannot carry it).
        const policy = e.originalPolicy.includes('frame-ancestors') ? 'header' : 'meta';
        const where = e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}` : '';
        const blocked = e.blockedURI || 'inline';
        window.reportCspViolation(`${e.effectiveDirective} (${policy} policy): ${blocked}${where} ${e.sample}`.trim());
      },
      true,
    );
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Refused to|Content Security Policy/i.test(message.text())) {
      violations.push(`console: ${message.text()}`);
    }
  });
  return { context, page, violations };
}

// Waits until `condition()` holds or five seconds have passed (violations arrive asynchronously).
async function until(condition) {
  for (let waited = 0; waited < 5000 && !condition(); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
