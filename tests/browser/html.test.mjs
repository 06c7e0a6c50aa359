// Every HTML file of the built site is valid HTML according to the Nu Html Checker (vnu), run
// from the jar the vnu-jar package ships (with the machine's Java; the package's own install
// script, which would download a JDK, is skipped by `npm ci --ignore-scripts`).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import vnuJar from 'vnu-jar';
import { builtSite } from './harness.mjs';

test('every page is valid HTML', { timeout: 300_000 }, () => {
  const site = builtSite();
  const run = spawnSync('java', ['-jar', String(vnuJar), '--errors-only', '--skip-non-html', site], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.error, undefined, `cannot run java: ${run.error}`);
  const report = `${run.stdout}${run.stderr}`.trim();
  assert.equal(run.status, 0, `vnu found errors in ${site}:\n${report}`);
  assert.equal(report, '', `vnu reported:\n${report}`);
});
