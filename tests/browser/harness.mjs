// Shared steps of the browser suite: get a built site, serve it on 127.0.0.1, find one page of
// every kind by crawling from the home page, and start Debian's Chromium.
//
// The site is served by node's own http module rather than `planportal serve`: the suite then
// needs no free fixed port, never races a rebuild, and tests the files exactly as a static host
// would serve them.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative, sep } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

// Where the suite saves its artefacts (screenshots, printouts): `$PLANPORTAL_TEST_RESULTS` when
// set (the broken-theme test points its inner run elsewhere so it cannot overwrite the real
// screenshots), otherwise test-results/ in the repository.
export const resultsDir = process.env.PLANPORTAL_TEST_RESULTS ?? join(repoRoot, 'test-results');

// The folder of a built site: `$PLANPORTAL_SITE` when set (scripts/test builds once for all
// test files), otherwise a fresh build of this repository into a temporary folder.
export function builtSite() {
  if (process.env.PLANPORTAL_SITE) {
    return process.env.PLANPORTAL_SITE;
  }
  return buildSite(repoRoot, join(mkdtempSync(join(tmpdir(), 'planportal-browser-')), 'public'));
}

// Builds the project in `root` (its seeds/, content/ and themes/) into `output` and returns
// `output`. The debug binary is used because `cargo test` has just compiled it; a release build
// would compile everything again. A full base URL (as in scripts/test) makes the pages carry
// canonical links and feed links too; their links stay paths, so the site works from the suite's
// own server.
export function buildSite(root, output) {
  const build = spawnSync(
    'cargo',
    ['run', '--quiet', '--', 'build', '--root', root, '--output-dir', output,
      '--base-url', 'https://planportal.example/'],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  if (build.status !== 0) {
    throw new Error(`the site in ${root} did not build:\n${build.stdout}${build.stderr}`);
  }
  return output;
}

// The debug binary of planportal, compiled first (a no-op after `cargo test`), for tests that run
// a command other than `build`.
export function planportalBinary() {
  const build = spawnSync('cargo', ['build', '--quiet'], { cwd: repoRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`planportal did not compile:\n${build.stderr}`);
  return join(process.env.CARGO_TARGET_DIR ?? join(repoRoot, 'target'), 'debug', 'planportal');
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

// The rules of the site's `_headers` file (Netlify / Cloudflare Pages format): a path pattern
// on its own line (`/*`, `/portal/*`), then its headers indented as `Name: value`; `#` starts a
// comment. None when the site has no such file.
export function headerRules(dir) {
  const file = join(dir, '_headers');
  if (!existsSync(file)) {
    return [];
  }
  const rules = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) {
      continue;
    }
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: {} });
    } else if (rules.length > 0) {
      const colon = line.indexOf(':');
      rules.at(-1).headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
  }
  return rules;
}

// The headers the rules give a request path: those of every rule whose pattern matches it (a
// trailing `*` matches any rest).
function headersFor(rules, path) {
  const headers = {};
  for (const { pattern, headers: set } of rules) {
    const matches = pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
    if (matches) {
      Object.assign(headers, set);
    }
  }
  return headers;
}

// Serves `dir` at http://127.0.0.1:<free port>/ like a static host: folders by their
// index.html, missing files by 404.html with status 404, every response with the headers the
// site's `_headers` file asks for (as Netlify and Cloudflare Pages send them).
export async function serveSite(dir) {
  const rules = headerRules(dir);
  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(headersFor(rules, new URL(request.url, 'http://x').pathname))) {
      response.setHeader(name, value);
    }
    let path = null;
    try {
      path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    } catch {
      // A malformed escape is answered as not found.
    }
    let file = path === null ? null : normalize(join(dir, path));
    if (file === null || (!file.startsWith(normalize(dir + sep)) && file !== normalize(dir))) {
      file = null;
    } else if (existsSync(file) && statSync(file).isDirectory()) {
      file = join(file, 'index.html');
    }
    if (file && existsSync(file) && statSync(file).isFile()) {
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(readFileSync(file));
      return;
    }
    const notFound = join(dir, '404.html');
    response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(existsSync(notFound) ? readFileSync(notFound) : 'not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((resolve) => server.close(resolve)) };
}

// Page kinds by their site path, following `resolve::urls` in the Rust code. The accessibility
// statement is an editorial page with no fixed path: it is found by its link text.
const KINDS = [
  ['home', /^\/$/],
  ['plan', /^\/plani\/[^/]+\/$/],
  ['direction', /^\/plani\/[^/]+\/virzieni\/[^/]+\/$/],
  ['measure', /^\/plani\/[^/]+\/pasakumi\/[^/]+\/$/],
  ['area', /^\/plani\/[^/]+\/jomas\/[^/]+\/$/],
  ['indicator', /^\/plani\/[^/]+\/raditaji\/[^/]+\/$/],
  ['chapter', /^\/plani\/[^/]+\/nodalas\/[^/]+\/$/],
  ['institutions', /^\/iestades\/$/],
  ['institution', /^\/iestades\/(?!grupas\/)[^/]+\/$/],
  ['group', /^\/iestades\/grupas\/[^/]+\/$/],
  ['deadlines', /^\/termini\/$/],
  ['deadline-year', /^\/termini\/\d{4}\/$/],
  ['status', /^\/statuss\/$/],
  ['glossary', /^\/saisinajumi\/$/],
  ['search', /^\/meklet\/$/],
  ['source', /^\/avoti\/[^/]+\/$/],
  ['budget-index', /^\/budzets\/$/],
  ['plan-budget', /^\/plani\/[^/]+\/budzets\/$/],
  ['programme', /^\/budzets\/programmas\/[^/]+\/$/],
  ['ministry', /^\/budzets\/ministrijas\/[^/]+\/$/],
  ['data', /^\/dati\/$/],
];
const ACCESSIBILITY_LINK = /piekļūstamīb|pieejamīb|accessib/i;

// Every page kind the suite checks, in order; `not-found` is a path no page has.
export const PAGE_KINDS = [...KINDS.map(([kind]) => kind), 'accessibility', 'not-found'];
export const NOT_FOUND_PATH = '/nav-tadas-lapas/';

// Crawls the site from its home page (breadth first, so the pages found are those closest to
// the home page) and returns the first URL found of every page kind.
export async function findPages(origin, limit = 3000) {
  const found = new Map([['not-found', origin + NOT_FOUND_PATH]]);
  const seen = new Set(['/']);
  const queue = ['/'];
  const anchor = /<a\b[^>]*?\shref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi;
  while (queue.length > 0 && seen.size <= limit && found.size < PAGE_KINDS.length) {
    const path = queue.shift();
    const response = await fetch(origin + path);
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok || !type.startsWith('text/html')) {
      continue;
    }
    const kind = KINDS.find(([, pattern]) => pattern.test(path))?.[0];
    if (kind && !found.has(kind)) {
      found.set(kind, origin + path);
    }
    const html = await response.text();
    for (const [, href, text] of html.matchAll(anchor)) {
      const url = new URL(href.replaceAll('&amp;', '&'), origin + path);
      if (url.origin !== origin) {
        continue;
      }
      const linked = decodeURI(url.pathname);
      if (!found.has('accessibility') && ACCESSIBILITY_LINK.test(text.replace(/<[^>]*>/g, ''))) {
        found.set('accessibility', origin + url.pathname);
      }
      if (!seen.has(linked)) {
        seen.add(linked);
        queue.push(url.pathname);
      }
    }
  }
  return found;
}

// Debian's Chromium, headless, with everything that would reach outside hosts switched off.
// Never a downloaded browser: this machine cannot fetch one.
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// The built site served on 127.0.0.1, one page of every kind found in it, and a browser, for the
// tests of one file or suite: registers the `before` and `after` hooks that start and stop them
// and returns an object whose `dir` (the site's folder), `server`, `pages` and `browser` are set
// once `before` has run.
export function siteInBrowser() {
  const site = {};
  before(async () => {
    site.dir = builtSite();
    site.server = await serveSite(site.dir);
    site.pages = await findPages(site.server.origin);
    site.browser = await launchBrowser();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

// The site path of every page in the built site `dir` (every `index.html`, as `/a/b/`), sorted,
// with the HTML of each: for checks that must hold on every page, not one page of each kind.
export function allPages(dir) {
  const pages = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        walk(path);
      } else if (entry.name === 'index.html') {
        const parts = relative(dir, folder).split(sep).filter(Boolean);
        pages.push({ path: parts.length ? `/${parts.join('/')}/` : '/', html: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(dir);
  return pages.sort((a, b) => a.path.localeCompare(b.path));
}
