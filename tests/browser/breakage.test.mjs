// Proof that the browser suite catches a broken theme: the site is built with a base.html that
// has an image without alt text, a link to a missing page, a form field without a label, an
// inline style attribute and an inline script (tests/fixtures/broken_theme/breakage.html; the
// dead link is the Rust link test's case, see tests/links.rs), and the suite's own page test,
// CSP test (home page, desktop width only, to stay fast) and HTML test are run on it in a child
// process. All three must fail, saying on which page and which element or directive. The child's
// screenshots go to test-results/broken-theme/, never over the real ones.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildSite, repoRoot, resultsDir } from './harness.mjs';

const BROKEN_PAGE = 'home page at 1280px';
const BROKEN_CSP_PAGE = 'home page at 1280px under its CSP';
const root = mkdtempSync(join(tmpdir(), 'planportal-broken-theme-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('a broken theme fails the page, CSP and HTML checks, naming the page and the element', { timeout: 300_000 }, () => {
  cpSync(join(repoRoot, 'seeds'), join(root, 'seeds'), { recursive: true });
  cpSync(join(repoRoot, 'content'), join(root, 'content'), { recursive: true });
  const base = readFileSync(join(repoRoot, 'themes/default/templates/base.html'), 'utf8');
  const breakage = readFileSync(join(repoRoot, 'tests/fixtures/broken_theme/breakage.html'), 'utf8');
  assert.equal(base.split('</main>').length, 2, 'base.html has no single </main>');
  mkdirSync(join(root, 'themes/default/templates'), { recursive: true });
  writeFileSync(join(root, 'themes/default/templates/base.html'), base.replace('</main>', `${breakage}</main>`));
  const site = buildSite(root, join(root, 'public'));

  // NODE_TEST_CONTEXT is how node's test runner tells a file it runs as a child; the inner
  // runner must not see it, or it reports in the outer runner's private format.
  const { NODE_TEST_CONTEXT, ...env } = process.env;
  const run = spawnSync(
    process.execPath,
    [
      '--test',
      '--test-reporter=tap',
      `--test-name-pattern=^${BROKEN_PAGE}$`,
      `--test-name-pattern=^${BROKEN_CSP_PAGE}$`,
      '--test-name-pattern=^every page is valid HTML$',
      join(repoRoot, 'tests/browser/pages.test.mjs'),
      join(repoRoot, 'tests/browser/csp.test.mjs'),
      join(repoRoot, 'tests/browser/html.test.mjs'),
    ],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...env, PLANPORTAL_SITE: site, PLANPORTAL_TEST_RESULTS: join(resultsDir, 'broken-theme') },
    },
  );
  const report = `${run.stdout}${run.stderr}`;
  assert.notEqual(run.status, 0, `the suite passed a broken theme:\n${report}`);

  const failed = [...report.matchAll(/^\s*not ok \d+ - (.*)$/gm)].map((m) => m[1].trim());
  for (const name of ['has no axe violations', BROKEN_PAGE, BROKEN_CSP_PAGE, 'every page is valid HTML']) {
    assert.ok(failed.includes(name), `"${name}" did not fail; failed: ${failed.join(', ')}\n${report}`);
  }

  // axe: the page's URL, then one line per rule naming the elements.
  assert.match(report, /axe violations on http:\/\/127\.0\.0\.1:\d+\/:/, report);
  assert.match(report, /image-alt \(critical\): .* — [^\n]*img/, report);
  assert.match(report, /label \(critical\): .* — [^\n]*input/, report);
  // CSP: the page's URL, then each blocked inline style and script, under both policies.
  assert.match(report, /CSP violations on http:\/\/127\.0\.0\.1:\d+\/:/, report);
  for (const directive of ['style-src-attr', 'script-src-elem']) {
    for (const policy of ['meta', 'header']) {
      assert.match(report, new RegExp(`${directive} \\(${policy} policy\\): inline at http://127\\.0\\.0\\.1:\\d+/:\\d+`), report);
    }
  }
  // vnu: the file, the line and the element.
  assert.match(report, /index\.html":\d+\.\d+-\d+\.\d+: error: An “img” element must have an “alt” attribute/, report);
});
