// Browser end-to-end tests of `sitrep serve`: a store is built from the
// shipped examples and this folder's fixtures with the real binary, the
// server is started on a free loopback port, and Debian's headless
// Chromium (driven by playwright-core) uses the UI as a person would:
// overview, filters, a document, an event's explanation, Analyze, claims,
// the network, a phone-sized screen and the keyboard. Screenshots are
// taken and checked for content. No request may leave the server's origin.
//
// Run with ./run.sh (it builds the binary when missing and installs
// playwright-core), or: SITREP_BIN=... node --test e2e.test.mjs
//
// The coder is still being tuned, so the tests never count coded events:
// they ask for at least one where one is needed.

import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const bin = process.env.SITREP_BIN || path.join(process.env.CARGO_TARGET_DIR || path.join(repo, 'target'), 'release', 'sitrep');
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const shots = process.env.E2E_SCREENSHOTS || path.join(os.tmpdir(), 'sitrep-e2e-screenshots');

let work, server, base, context, page;
const external = [];
const pageErrors = [];

/** Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes) into RGBA pixels. */
function decodePng(buf) {
  assert.equal(buf.readUInt32BE(0), 0x89504e47, 'a PNG signature');
  let off = 8, width = 0, height = 0, depth = 0, type = 0, interlace = 0;
  const idat = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const kind = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (kind === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      depth = data[8]; type = data[9]; interlace = data[12];
    } else if (kind === 'IDAT') idat.push(data);
    else if (kind === 'IEND') break;
    off += 12 + len;
  }
  assert.equal(depth, 8, 'an 8-bit PNG');
  assert.equal(interlace, 0, 'a non-interlaced PNG');
  const channels = {2: 3, 6: 4}[type];
  assert.ok(channels, `a PNG of colour type 2 or 6, not ${type}`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(width * height * 4);
  let prev = Buffer.alloc(stride), pos = 0;
  for (let y = 0; y < height; y++) {
    const filter = raw[pos++];
    const line = Buffer.from(raw.subarray(pos, pos + stride));
    pos += stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels] : 0, b = prev[i], c = i >= channels ? prev[i - channels] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const s = x * channels, d = (y * width + x) * 4;
      out[d] = line[s]; out[d + 1] = line[s + 1]; out[d + 2] = line[s + 2]; out[d + 3] = channels === 4 ? line[s + 3] : 255;
    }
    prev = line;
  }
  return {width, height, pixels: out};
}

/** Takes a screenshot and checks it shows something: many colours, and more than a sliver differing from the background. */
async function screenshot(name, options) {
  fs.mkdirSync(shots, {recursive: true});
  const file = path.join(shots, name + '.png');
  const buf = await page.screenshot(Object.assign({path: file}, options || {}));
  const {width, height, pixels} = decodePng(buf);
  const counts = new Map();
  for (let i = 0; i < pixels.length; i += 4) {
    const key = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const background = Math.max(...counts.values());
  const total = width * height;
  const share = 1 - background / total;
  assert.ok(counts.size >= 32, `${name}: only ${counts.size} colours: a blank page?`);
  assert.ok(share >= 0.03, `${name}: ${(share * 100).toFixed(1)}% of the pixels differ from the background`);
  return {file, colours: counts.size, share};
}

function run(cmd, args) {
  return execFileSync(cmd, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
}

before(async () => {
  assert.ok(fs.existsSync(bin), `no sitrep binary at ${bin} (cargo build --release -p sitrep, or set SITREP_BIN)`);
  assert.ok(fs.existsSync(browserPath), `no Chromium at ${browserPath} (apt-get install -y chromium, or set CHROMIUM)`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-e2e-'));
  const db = path.join(work, 'e2e.db');
  run(bin, ['ingest', '--db', db, path.join(repo, 'examples'), path.join(here, 'fixtures', 'news.jsonl')]);
  server = spawn(bin, ['serve', '--db', db, '--addr', '127.0.0.1:0'], {stdio: ['ignore', 'pipe', 'pipe']});
  base = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error('the server did not say where it listens: ' + seen)), 60000);
    const look = chunk => {
      seen += chunk;
      const m = seen.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (m) { clearTimeout(timer); resolve(m[0]); }
    };
    server.stdout.on('data', look);
    server.stderr.on('data', look);
    server.on('exit', code => reject(new Error(`the server exited (${code}): ${seen}`)));
  });
  context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
    executablePath: browserPath,
    headless: true,
    viewport: {width: 1280, height: 860},
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  context.on('request', r => {
    const u = r.url();
    if (!u.startsWith(base + '/') && !u.startsWith('data:')) external.push(u);
  });
  page = context.pages()[0] || await context.newPage();
  page.on('pageerror', e => pageErrors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') pageErrors.push(m.text()); });
});

after(async () => {
  if (context) await context.close();
  if (server) server.kill('SIGTERM');
  if (work && !process.env.E2E_KEEP) fs.rmSync(work, {recursive: true, force: true});
});

/** The number in "N events match." */
async function matching() {
  const t = await page.locator('.summary').first().textContent();
  return Number(t.replace(/[^0-9]/g, ''));
}

test('the overview shows counts over time, by type, top actors and events', async () => {
  await page.goto(base + '/');
  await page.locator('h1', {hasText: 'Overview'}).waitFor();
  assert.ok(await matching() >= 1, 'at least one event in the store');
  assert.ok(await page.locator('svg.chart rect.bar').count() >= 1, 'bars on the timeline');
  assert.ok(await page.locator('ul.bars li').count() >= 1, 'counts by PLOVER type');
  assert.ok(await page.locator('table.events tbody tr').count() >= 1, 'an event list');
  assert.ok(await page.locator('#actors-h + .table-wrap tbody tr, #actors-h ~ * tbody tr').count() >= 1, 'top actors');
  await screenshot('overview', {fullPage: true});
});

test('filters narrow the overview and show in the address', async () => {
  await page.goto(base + '/');
  await page.locator('h1', {hasText: 'Overview'}).waitFor();
  const before = await matching();
  await page.getByLabel('From', {exact: true}).fill('2024-04-01');
  await page.getByLabel('Outlet ownership', {exact: true}).selectOption('state');
  await page.getByRole('button', {name: 'Apply'}).click();
  await page.waitForFunction(() => location.hash.includes('since=2024-04-01') && location.hash.includes('ownership=state'));
  await page.locator('h1', {hasText: 'Overview'}).waitFor();
  await page.waitForFunction(() => document.querySelector('#f-since') && document.querySelector('#f-since').value === '2024-04-01');
  const after = await matching();
  assert.ok(after <= before, `${after} events after filtering, ${before} before`);
  const days = await page.locator('table.events tbody tr td:first-child').allTextContents();
  for (const d of days) assert.ok(d === '–' || d >= '2024-04-01', `an event dated ${d} passed the filter`);
  assert.equal(await page.getByLabel('Outlet ownership', {exact: true}).inputValue(), 'state');
  await screenshot('overview-filtered');
  // Clear goes back to everything.
  await page.getByRole('link', {name: 'Clear'}).click();
  await page.waitForFunction(() => !location.hash.includes('since='));
  await page.locator('h1', {hasText: 'Overview'}).waitFor();
  await page.waitForFunction(n => Number((document.querySelector('.summary') || {}).textContent?.replace(/[^0-9]/g, '')) === n, before);
});

test('a document shows its segments and marks, and an event opens its explanation', async () => {
  await page.goto(base + '/');
  await page.locator('table.events tbody tr').first().waitFor();
  // The source column links to the event's document.
  await page.locator('table.events tbody tr').first().locator('td').last().locator('a').first().click();
  await page.locator('.doc-text').waitFor();
  assert.match(page.url(), /#\/doc\//);
  assert.ok(await page.locator('.doc-text section.seg').count() >= 1, 'segments are marked');
  assert.ok(await page.locator('.doc-text .mark.trigger').count() >= 1, 'event words are marked');
  // Opened from an event: its record is shown.
  await page.locator('#event-panel h3', {hasText: 'Why this event'}).waitFor();
  await screenshot('document', {fullPage: true});
  // Clicking an event word shows its record and explanation.
  const trigger = page.locator('.doc-text button.mark.trigger').first();
  await trigger.click();
  const panel = page.locator('#event-panel');
  await panel.locator('h3', {hasText: 'Why this event'}).waitFor();
  assert.ok((await panel.locator('dl.record dt').allTextContents()).includes('Pattern'), 'the explanation names the pattern');
  assert.ok(await page.locator('.doc-text button.mark.trigger.selected').count() >= 1, 'the chosen event word is shown as selected');
  await screenshot('document-event');
  // And the event has a page of its own.
  await panel.getByRole('link', {name: 'Open the event on its own page'}).click();
  await page.locator('h3', {hasText: 'Why this event'}).waitFor();
  assert.match(page.url(), /#\/event\//);
  await screenshot('event');
});

test('the scraped page from examples/ shows comments, links and repaired characters', async () => {
  const found = await page.evaluate(async () => (await (await fetch('/api/search?q=Fidan')).json()).items);
  assert.ok(found.length >= 1, 'the example is in the store');
  await page.goto(base + '/#/doc/' + found[0].id);
  await page.locator('.doc-text').waitFor();
  assert.ok(await page.locator('.doc-text section.seg-comment').count() >= 1, 'reader comments are marked');
  assert.ok(await page.locator('.doc-text section.seg-link').count() >= 1, 'source links are marked');
  assert.ok(await page.locator('.doc-text .mark.repair').count() >= 1, 'repaired characters are marked');
  const tip = await page.locator('.doc-text .mark.repair').first().getAttribute('title');
  assert.match(tip, /repaired/);
  await screenshot('document-example', {fullPage: true});
});

test('Analyze shows a pasted text as a document without storing it', async () => {
  const stored = await page.evaluate(async () => (await (await fetch('/api/stats')).json()).documents);
  await page.goto(base + '/#/analyze');
  await page.getByLabel('Text or HTML').fill('Brussels — The European Union accused Belarus of pushing migrants across the border on Tuesday.\n\n' +
    'Belarus denied the accusation. Poland asked the EU for help.\n');
  await page.getByRole('button', {name: 'Analyze'}).click();
  await page.locator('.analysis .doc-text').waitFor();
  assert.ok(await page.locator('.analysis .doc-text section.seg').count() >= 1, 'the text is shown with its segments');
  assert.ok(await page.locator('.analysis .mark.mention').count() >= 1, 'actors are marked');
  await screenshot('analyze', {fullPage: true});
  const words = page.locator('.analysis .doc-text button.mark.trigger');
  if (await words.count() > 0) {
    await words.first().click();
    await page.locator('.analysis #event-panel h3', {hasText: 'Why this event'}).waitFor();
  }
  const after = await page.evaluate(async () => (await (await fetch('/api/stats')).json()).documents);
  assert.equal(after, stored, 'nothing was stored');
  // HTML pasted as HTML is extracted.
  await page.getByLabel('Text or HTML').fill('<html><body><article><h1>Talks resume</h1><p>Serbia and Kosovo resumed talks in Brussels on Monday.</p></article></body></html>');
  await page.getByRole('button', {name: 'Analyze'}).click();
  await page.waitForFunction(() => (document.querySelector('.analysis .doc-text') || {}).textContent?.includes('resumed talks'));
  assert.ok(!(await page.locator('.analysis .doc-text').textContent()).includes('<p>'), 'markup is not shown as text');
});

test('claims, network, actor and dyad views draw', async () => {
  await page.goto(base + '/#/claims');
  await page.locator('h1', {hasText: 'Claims'}).waitFor();
  await screenshot('claims');
  await page.goto(base + '/#/network');
  await page.locator('h1', {hasText: 'Network'}).waitFor();
  const edges = await page.locator('svg.network line.edge').count();
  if (edges > 0) {
    assert.ok(await page.locator('svg.network circle.node').count() >= 2, 'an edge joins two actors');
    await screenshot('network');
    // Followed from the keyboard: a node's label may lie over the middle
    // of an edge, where a pointer would reach the node instead.
    await page.locator('svg.network a.edge-link').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash.startsWith('#/dyad/'));
    await page.locator('table.events, p.empty').first().waitFor();
    await screenshot('dyad');
    await page.locator('.lede a').first().click();
    await page.waitForFunction(() => location.hash.startsWith('#/actor/'));
    await page.locator('h2', {hasText: 'Timeline as actor'}).waitFor();
    await screenshot('actor', {fullPage: true});
  }
});

test('a phone-sized screen gets the same views without sideways scrolling', async () => {
  await page.setViewportSize({width: 390, height: 844});
  try {
    for (const view of ['#/', '#/claims', '#/analyze']) {
      await page.goto(base + '/' + view);
      await page.locator('h1').first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${view} is ${overflow}px wider than the screen`);
    }
    await page.goto(base + '/');
    await page.locator('h1', {hasText: 'Overview'}).waitFor();
    await screenshot('phone-overview');
  } finally {
    await page.setViewportSize({width: 1280, height: 860});
  }
});

test('the keyboard reaches the views and every field has a label', async () => {
  await page.goto(base + '/');
  await page.locator('h1', {hasText: 'Overview'}).waitFor();
  await page.locator('body').focus();
  const reached = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => document.activeElement && (document.activeElement.textContent || '').trim()));
  }
  assert.ok(reached.includes('Claims'), `Tab reached: ${reached.join(' | ')}`);
  // Enter on a focused navigation link follows it.
  while ((await page.evaluate(() => document.activeElement.textContent.trim())) !== 'Claims') await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await page.locator('h1', {hasText: 'Claims'}).waitFor();
  for (const view of ['#/', '#/analyze', '#/search']) {
    await page.goto(base + '/' + view);
    await page.locator('h1').first().waitFor();
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
      .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')).map(el => el.outerHTML));
    assert.deepEqual(unlabelled, [], `${view}: fields without a label`);
  }
});

test('nothing was requested from anywhere but the server, and the page raised no errors', () => {
  assert.deepEqual(external, []);
  assert.deepEqual(pageErrors, []);
});
