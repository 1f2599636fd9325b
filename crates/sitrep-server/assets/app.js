// sitrep's web UI: plain JavaScript, no framework, nothing loaded from
// elsewhere. Views are chosen by the URL's hash (#/, #/doc/ID, ...), so
// every view has an address, the back button works and links can be
// shared. All text from the store is put in the page as text nodes, never
// as markup.
'use strict';

// ---------------------------------------------------------------- helpers

/** Builds an element: h('a', {href: '#/'}, 'text', child, ...). */
function h(tag, attrs, ...children) {
  const svg = ['svg', 'g', 'line', 'circle', 'rect', 'text', 'title', 'desc', 'path'].includes(tag) ||
    (tag === 'a' && attrs && attrs.svg);
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false || k === 'svg') continue;
    if (k === 'class') el.setAttribute('class', v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'width%') el.style.width = v + '%';
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const main = () => document.getElementById('main');

function say(text, error) {
  const s = document.getElementById('status');
  s.textContent = text || '';
  s.classList.toggle('error', !!error);
}

class ApiFailure extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(path, options) {
  let r;
  try {
    r = await fetch(path, options);
  } catch (e) {
    throw new ApiFailure(0, 'the server cannot be reached (' + e.message + ')');
  }
  let body = null;
  try { body = await r.json(); } catch (e) { body = null; }
  if (!r.ok) throw new ApiFailure(r.status, (body && body.error) || r.statusText);
  return body;
}

const QUADS = [
  {code: 1, name: 'verbal cooperation', cls: 'q1'},
  {code: 2, name: 'material cooperation', cls: 'q2'},
  {code: 3, name: 'verbal conflict', cls: 'q3'},
  {code: 4, name: 'material conflict', cls: 'q4'},
];
const TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];
const STATUSES = ['reported', 'intended', 'conditional', 'alleged', 'denied', 'negated', 'speculative'];
const OWNERSHIPS = ['state', 'public', 'private', 'user'];
const FILTER_KEYS = ['since', 'until', 'actor', 'recipient', 'dyad', 'type', 'status', 'ownership', 'outlet', 'search',
  'document', 'all_mentions'];

const fmt = n => (n === null || n === undefined) ? '–' : Number(n).toLocaleString('en');

function quadOf(code) { return QUADS.find(q => q.code === code) || {code: 0, name: 'unknown', cls: 'q0'}; }

function who(list) {
  if (!list || !list.length) return '–';
  return list.map(a => a.code ? (a.code + (a.sector && a.sector !== a.code ? a.sector : '')) : a.entity_text).join(' + ');
}

function actorName(a) {
  const code = a.code ? a.code + (a.sector && a.sector !== a.code ? ' ' + a.sector : '') : null;
  const name = a.name || a.entity_text;
  return code ? `${name} (${code})` : name;
}

/** The query string of a filter object, without empty values. */
function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, v);
  const s = u.toString();
  return s ? '?' + s : '';
}

function pick(params, keys) {
  const out = {};
  for (const k of keys) if (params[k]) out[k] = params[k];
  return out;
}

/** Maps the byte offsets of the API's spans to string indexes of `text`. */
function byteMapper(text) {
  const enc = new TextEncoder();
  const total = enc.encode(text).length;
  const map = new Int32Array(total + 1).fill(-1);
  let b = 0, u = 0;
  for (const ch of text) {
    map[b] = u;
    const cp = ch.codePointAt(0);
    b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    u += ch.length;
  }
  map[total] = text.length;
  return off => {
    if (off <= 0) return 0;
    if (off >= total) return text.length;
    let i = off;
    while (i < total && map[i] < 0) i++;
    return map[i];
  };
}

function byteLength(s) { return new TextEncoder().encode(s).length; }

// ---------------------------------------------------------------- router

const routes = [];
function route(pattern, view) { routes.push({pattern, view}); }

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query] = raw.split('?');
  const params = Object.fromEntries(new URLSearchParams(query || ''));
  return {path, params};
}

let generation = 0;

async function render() {
  const {path, params} = parseHash();
  const gen = ++generation;
  for (const r of routes) {
    const m = path.match(r.pattern);
    if (!m) continue;
    const args = m.slice(1).map(decodeURIComponent);
    const root = h('div', {class: 'view'});
    document.querySelectorAll('nav a[data-view]').forEach(a => {
      const current = (r.name || '') === a.dataset.view;
      if (current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
    say('Loading…');
    try {
      await r.view(root, args, params, () => gen === generation);
      if (gen !== generation) return;
      main().replaceChildren(root);
      say('');
      const heading = root.querySelector('h1');
      document.title = heading ? heading.textContent + ' · sitrep' : 'sitrep';
    } catch (e) {
      if (gen !== generation) return;
      main().replaceChildren(h('div', {class: 'view'}, h('h1', {}, 'Something went wrong'),
        h('p', {class: 'error-box', role: 'alert'}, e.message)));
      say(e.message, true);
    }
    return;
  }
  main().replaceChildren(h('div', {class: 'view'}, h('h1', {}, 'Not found'), h('p', {}, 'No view at ', h('code', {}, path))));
  say('');
}

function named(name, pattern, view) { route(pattern, view); routes[routes.length - 1].name = name; }

// ---------------------------------------------------------------- shared widgets

function filterForm(params, base, extra) {
  const field = (name, label, input) => h('div', {class: 'field'}, h('label', {for: 'f-' + name}, label), input);
  const select = (name, options) => h('select', {id: 'f-' + name, name},
    h('option', {value: ''}, 'any'), options.map(o => h('option', {value: o, selected: params[name] === o}, o)));
  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter events'},
    field('since', 'From', h('input', {id: 'f-since', name: 'since', type: 'date', value: params.since || ''})),
    field('until', 'To', h('input', {id: 'f-until', name: 'until', type: 'date', value: params.until || ''})),
    (extra || []).includes('actor') ? field('actor', 'Actor', h('input', {id: 'f-actor', name: 'actor', value: params.actor || '',
      placeholder: 'RUS, USAGOV, …', autocomplete: 'off', list: 'actor-codes'})) : null,
    field('type', 'Event type', select('type', TYPES)),
    field('status', 'Status', select('status', STATUSES)),
    field('ownership', 'Outlet ownership', select('ownership', OWNERSHIPS)),
    field('search', 'Words', h('input', {id: 'f-search', name: 'search', value: params.search || '', placeholder: 'in the sentence'})),
    h('div', {class: 'field buttons'},
      h('button', {type: 'submit'}, 'Apply'),
      h('a', {href: base, class: 'button secondary'}, 'Clear')),
    h('datalist', {id: 'actor-codes'}));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const keep = pick(params, ['recipient', 'dyad', 'outlet', 'document', 'all_mentions', 'role']);
    location.hash = base + qs(Object.assign(keep, data));
  });
  return form;
}

function pager(total, offset, limit, hrefFor) {
  if (total <= limit) return null;
  const last = Math.floor((total - 1) / limit) * limit;
  const page = Math.floor(offset / limit) + 1, pages = Math.floor(last / limit) + 1;
  return h('nav', {class: 'pager', 'aria-label': 'Pages'},
    offset > 0 ? h('a', {href: hrefFor(0)}, '« First') : null,
    offset > 0 ? h('a', {href: hrefFor(Math.max(0, offset - limit)), rel: 'prev'}, '‹ Previous') : null,
    h('span', {}, `Page ${fmt(page)} of ${fmt(pages)}`),
    offset < last ? h('a', {href: hrefFor(offset + limit), rel: 'next'}, 'Next ›') : null,
    offset < last ? h('a', {href: hrefFor(last)}, 'Last »') : null);
}

function statusBadge(s) { return h('span', {class: 'badge st-' + s}, s); }
function typeBadge(t, quad) { return h('span', {class: 'badge type ' + quadOf(quad).cls, title: quadOf(quad).name}, t); }
function ownershipBadge(o) { return o ? h('span', {class: 'badge own-' + o, title: 'outlet ownership'}, o) : null; }

/** The sentence with the event's words in bold. */
function sentenceWithTrigger(e) {
  const text = e.text || '';
  const t = e.explanation && e.explanation.trigger_text;
  const i = t ? text.indexOf(t) : -1;
  if (i < 0) return h('span', {}, text);
  return h('span', {}, text.slice(0, i), h('strong', {class: 'trig'}, t), text.slice(i + t.length));
}

function eventsTable(items, caption) {
  if (!items.length) return h('p', {class: 'empty'}, 'No events match.');
  return h('div', {class: 'table-wrap'}, h('table', {class: 'events'},
    h('caption', {class: 'sr-only'}, caption || 'Events'),
    h('thead', {}, h('tr', {}, ['Date', 'Event', 'Actor → recipient', 'Status', 'Sentence', 'Source'].map(c => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, items.map(se => {
      const e = se.event;
      return h('tr', {},
        h('td', {class: 'nowrap'}, se.day || '–'),
        h('td', {}, h('a', {href: '#/event/' + encodeURIComponent(e.id), class: 'event-link', 'aria-label': `Event ${e.event}, ${who(e.actor)} to ${who(e.recipient)}: open its record`}, typeBadge(e.event, e.quad_code))),
        h('td', {}, who(e.actor), ' → ', who(e.recipient)),
        h('td', {}, statusBadge(e.status)),
        h('td', {class: 'sentence'}, sentenceWithTrigger(e)),
        h('td', {}, h('a', {href: '#/doc/' + encodeURIComponent(se.document) + '?event=' + encodeURIComponent(e.id)},
          se.outlet ? se.outlet.name : (se.doc_title || 'document')), ' ', se.outlet ? ownershipBadge(se.outlet.ownership) : null,
          se.num_articles > 1 ? h('span', {class: 'muted'}, ` ×${se.num_articles}`) : null));
    }))));
}

/** Stacked bars of event counts by quad over time, with the numbers as a table too. */
function timelineChart(items, period, hrefFor) {
  const dated = items.filter(i => i.period);
  const undated = items.filter(i => !i.period).reduce((n, i) => n + i.count, 0);
  if (!dated.length) return h('p', {class: 'empty'}, undated ? `${fmt(undated)} events, none dated.` : 'No events.');
  const periods = [...new Set(dated.map(i => i.period))].sort();
  const byPeriod = new Map(periods.map(p => [p, [0, 0, 0, 0, 0]]));
  for (const i of dated) byPeriod.get(i.period)[Math.max(0, Math.min(4, i.quad))] += i.count;
  const max = Math.max(...periods.map(p => byPeriod.get(p).reduce((a, b) => a + b, 0)));
  const W = 720, H = 220, left = 40, bottom = 30, top = 10;
  const bw = (W - left - 10) / periods.length;
  const y = v => top + (H - top - bottom) * (1 - v / max);
  const svg = h('svg', {viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-labelledby': 'tl-title tl-desc'},
    h('title', {id: 'tl-title'}, `Events by quad per ${period}`),
    h('desc', {id: 'tl-desc'}, `${periods.length} periods from ${periods[0]} to ${periods[periods.length - 1]}; at most ${max} events in one.`));
  for (const v of [0, Math.round(max / 2), max]) {
    svg.append(h('line', {x1: left, x2: W - 5, y1: y(v), y2: y(v), class: 'grid'}),
      h('text', {x: left - 4, y: y(v) + 4, class: 'axis', 'text-anchor': 'end'}, String(v)));
  }
  const every = Math.ceil(periods.length / 12);
  periods.forEach((p, i) => {
    const counts = byPeriod.get(p);
    let acc = 0;
    const x = left + i * bw + bw * 0.1;
    const g = h('a', {svg: true, href: hrefFor(p), 'aria-label': `${p}: ${counts.reduce((a, b) => a + b, 0)} events`});
    for (const q of [1, 2, 3, 4, 0]) {
      if (!counts[q]) continue;
      const y0 = y(acc), y1 = y(acc + counts[q]);
      g.append(h('rect', {x, y: y1, width: Math.max(1, bw * 0.8), height: Math.max(0.5, y0 - y1), class: 'bar ' + quadOf(q).cls},
        h('title', {}, `${p} · ${quadOf(q).name}: ${counts[q]}`)));
      acc += counts[q];
    }
    svg.append(g);
    if (i % every === 0) svg.append(h('text', {x: x + bw * 0.4, y: H - 10, class: 'axis', 'text-anchor': 'middle'}, p));
  });
  const legend = h('ul', {class: 'legend'}, QUADS.map(q => h('li', {}, h('span', {class: 'swatch ' + q.cls}), q.name)));
  const table = h('details', {}, h('summary', {}, 'The numbers'),
    h('div', {class: 'table-wrap'}, h('table', {},
      h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, period), QUADS.map(q => h('th', {scope: 'col'}, q.name)))),
      h('tbody', {}, periods.map(p => h('tr', {}, h('th', {scope: 'row'}, p), [1, 2, 3, 4].map(q => h('td', {class: 'num'}, fmt(byPeriod.get(p)[q])))))))));
  return h('div', {class: 'timeline'}, svg, legend,
    undated ? h('p', {class: 'muted'}, `${fmt(undated)} events without a date are not shown.`) : null, table);
}

function typeBars(items, hrefFor) {
  const by = new Map();
  for (const i of items) {
    const cur = by.get(i.event) || {count: 0, quad: i.quad};
    cur.count += i.count;
    by.set(i.event, cur);
  }
  const rows = [...by.entries()].sort((a, b) => b[1].count - a[1].count);
  if (!rows.length) return h('p', {class: 'empty'}, 'No events.');
  const max = rows[0][1].count;
  return h('ul', {class: 'bars', 'aria-label': 'Events by PLOVER type'}, rows.map(([t, v]) =>
    h('li', {}, h('a', {href: hrefFor(t), class: 'bar-label'}, t),
      h('span', {class: 'bar-track'}, h('span', {class: 'bar-fill ' + quadOf(v.quad).cls, 'width%': (100 * v.count / max).toFixed(1)})),
      h('span', {class: 'num'}, fmt(v.count)))));
}

function actorsTable(items) {
  if (!items.length) return h('p', {class: 'empty'}, 'No actors.');
  return h('div', {class: 'table-wrap'}, h('table', {},
    h('thead', {}, h('tr', {}, ['Actor', 'Events', 'Cooperation', 'Conflict'].map(c => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, items.map(a => h('tr', {},
      h('td', {}, h('a', {href: '#/actor/' + encodeURIComponent(a.key)}, a.name || a.key), a.code && a.code !== a.name ? h('span', {class: 'muted'}, ' ' + a.key) : null),
      h('td', {class: 'num'}, fmt(a.events)), h('td', {class: 'num'}, fmt(a.cooperation)), h('td', {class: 'num'}, fmt(a.conflict)))))));
}

function dyadsTable(items) {
  if (!items.length) return h('p', {class: 'empty'}, 'No actor pairs.');
  return h('div', {class: 'table-wrap'}, h('table', {},
    h('thead', {}, h('tr', {}, ['Actor → recipient', 'Events', 'Cooperation', 'Conflict'].map(c => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, items.map(d => h('tr', {},
      h('td', {}, h('a', {href: `#/dyad/${encodeURIComponent(d.actor)}/${encodeURIComponent(d.recipient)}`}, `${d.actor_name} → ${d.recipient_name}`)),
      h('td', {class: 'num'}, fmt(d.events)), h('td', {class: 'num'}, fmt(d.cooperation)), h('td', {class: 'num'}, fmt(d.conflict)))))));
}

/** The timeline's period for a span of days. */
function periodFor(first, last) {
  if (!first || !last) return 'month';
  const days = (Date.parse(last) - Date.parse(first)) / 864e5;
  if (days <= 62) return 'day';
  if (days <= 730) return 'week';
  if (days <= 3650 * 2) return 'month';
  return 'year';
}

/** The date range of a timeline bucket (full dates, as the date fields take them), for a click-through to its events. */
function rangeOf(bucket, period) {
  const day = ms => new Date(ms).toISOString().slice(0, 10);
  if (period === 'year') return {since: bucket + '-01-01', until: bucket + '-12-31'};
  if (period === 'month') {
    const [y, m] = bucket.split('-').map(Number);
    return {since: bucket + '-01', until: day(Date.UTC(y, m, 0))};
  }
  if (period === 'week') return {since: bucket, until: day(Date.parse(bucket + 'T00:00:00Z') + 6 * 864e5)};
  return {since: bucket, until: bucket};
}

async function eventList(base, params, filter, limit) {
  const offset = Number(params.offset) || 0;
  const page = await api('/api/events' + qs(Object.assign({}, filter, {offset, limit, newest_first: params.oldest ? '' : 'true'})));
  const hrefFor = o => base + qs(Object.assign({}, params, {offset: o || ''}));
  return h('section', {class: 'card', 'aria-labelledby': 'events-h'},
    h('h2', {id: 'events-h'}, `Events (${fmt(page.total)})`),
    h('p', {class: 'muted'}, params.oldest ? 'Earliest first. ' : 'Latest first. ',
      h('a', {href: base + qs(Object.assign({}, params, {oldest: params.oldest ? '' : '1', offset: ''}))}, params.oldest ? 'Latest first' : 'Earliest first')),
    eventsTable(page.items),
    pager(page.total, offset, limit, hrefFor));
}

// ---------------------------------------------------------------- overview

named('overview', /^\/$/, async (root, args, params) => {
  const filter = pick(params, FILTER_KEYS);
  const stats = await api('/api/stats');
  const period = params.period || periodFor(filter.since || stats.first_day, filter.until || stats.last_day);
  const [timeline, actors, dyads, list] = await Promise.all([
    api('/api/timeline' + qs(Object.assign({}, filter, {period}))),
    api('/api/actors' + qs(Object.assign({}, filter, {limit: 10}))),
    api('/api/dyads' + qs(Object.assign({}, filter, {limit: 10}))),
    eventList('#/', params, filter, 25),
  ]);
  const total = timeline.items.reduce((n, i) => n + i.count, 0);
  const link = extra => '#/' + qs(Object.assign({}, filter, extra));
  const form = filterForm(params, '#/', ['actor']);
  const dl = form.querySelector('datalist');
  actors.items.forEach(a => dl.append(h('option', {value: a.key}, a.name)));
  append(root, [
    h('h1', {}, 'Overview'),
    h('p', {class: 'lede'}, `${fmt(stats.documents)} documents, ${fmt(stats.story_events)} events (one per story), ${fmt(stats.claims)} claims (${fmt(stats.contested_claims)} contested), `,
      stats.first_day ? `${stats.first_day} to ${stats.last_day}.` : 'no dated events.',
      stats.dirty ? h('strong', {}, ' The store owes a refresh (run sitrep ingest or recode).') : null),
    form,
    h('p', {class: 'summary', 'aria-live': 'polite'}, `${fmt(total)} events match.`),
    h('div', {class: 'grid'},
      h('section', {class: 'card wide', 'aria-labelledby': 'tl-h'}, h('h2', {id: 'tl-h'}, `Over time, by quad (per ${period})`),
        h('p', {class: 'muted'}, 'Per ', ['day', 'week', 'month', 'year'].map(p => p === period ? h('strong', {}, p + ' ') :
          h('a', {href: '#/' + qs(Object.assign({}, params, {period: p, offset: ''}))}, p + ' '))),
        timelineChart(timeline.items, period, b => link(rangeOf(b, period)))),
      h('section', {class: 'card', 'aria-labelledby': 'types-h'}, h('h2', {id: 'types-h'}, 'By PLOVER type'),
        typeBars(timeline.items, t => link({type: t}))),
      h('section', {class: 'card', 'aria-labelledby': 'actors-h'}, h('h2', {id: 'actors-h'}, 'Top actors'), actorsTable(actors.items)),
      h('section', {class: 'card', 'aria-labelledby': 'dyads-h'}, h('h2', {id: 'dyads-h'}, 'Top dyads'), dyadsTable(dyads.items),
        h('p', {}, h('a', {href: '#/network' + qs(filter)}, 'See them as a network')))),
    list,
  ]);
});

// ---------------------------------------------------------------- network

/** A force-directed layout, computed a fixed number of steps from a fixed start, so the same data draws the same. */
function layout(nodes, edges, W, H) {
  const n = nodes.length;
  nodes.forEach((d, i) => {
    const a = 2 * Math.PI * i / n;
    d.x = W / 2 + Math.cos(a) * W * 0.35;
    d.y = H / 2 + Math.sin(a) * H * 0.35;
  });
  const k = Math.sqrt(W * H / Math.max(1, n)) * 0.6;
  for (let step = 0; step < 300; step++) {
    const t = 8 * (1 - step / 300) + 0.5;
    const dx = new Float64Array(n), dy = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      let x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
      const d2 = Math.max(1, x * x + y * y), f = k * k / d2;
      dx[i] += x * f; dy[i] += y * f; dx[j] -= x * f; dy[j] -= y * f;
    }
    for (const e of edges) {
      const a = e.a, b = e.b;
      const x = a.x - b.x, y = a.y - b.y, d = Math.max(1, Math.hypot(x, y)), f = d / k;
      dx[a.i] -= x * f; dy[a.i] -= y * f; dx[b.i] += x * f; dy[b.i] += y * f;
    }
    for (let i = 0; i < n; i++) {
      const d = nodes[i];
      dx[i] += (W / 2 - d.x) * 0.02 * k; dy[i] += (H / 2 - d.y) * 0.02 * k;
      const len = Math.max(1e-9, Math.hypot(dx[i], dy[i]));
      d.x = Math.min(W - 40, Math.max(40, d.x + dx[i] / len * Math.min(len, t * 3)));
      d.y = Math.min(H - 20, Math.max(20, d.y + dy[i] / len * Math.min(len, t * 3)));
    }
  }
}

function networkGraph(dyads, label) {
  const W = 800, H = 520;
  const byKey = new Map();
  const node = (key, name) => {
    if (!byKey.has(key)) byKey.set(key, {key, name, i: byKey.size, events: 0});
    return byKey.get(key);
  };
  const edges = dyads.map(d => {
    const a = node(d.actor, d.actor_name), b = node(d.recipient, d.recipient_name);
    a.events += d.events; b.events += d.events;
    return {a, b, d};
  });
  const nodes = [...byKey.values()];
  if (!nodes.length) return h('p', {class: 'empty'}, 'No actor pairs to draw.');
  layout(nodes, edges, W, H);
  const maxE = Math.max(...edges.map(e => e.d.events));
  const maxN = Math.max(...nodes.map(n => n.events));
  const svg = h('svg', {viewBox: `0 0 ${W} ${H}`, class: 'network', role: 'group', 'aria-label': label},
  );
  for (const e of edges) {
    const {a, b, d} = e;
    const kind = d.conflict > d.cooperation ? 'conflict' : d.cooperation > d.conflict ? 'cooperation' : 'mixed';
    const width = 1 + 7 * d.events / maxE;
    // Offset reciprocal pairs so that A→B and B→A do not overlap.
    const nx = -(b.y - a.y), ny = b.x - a.x, nl = Math.max(1, Math.hypot(nx, ny));
    const off = dyads.some(o => o.actor === d.recipient && o.recipient === d.actor) ? 5 : 0;
    const x1 = a.x + nx / nl * off, y1 = a.y + ny / nl * off, x2 = b.x + nx / nl * off, y2 = b.y + ny / nl * off;
    const text = `${d.actor_name} → ${d.recipient_name}: ${d.events} events (${d.cooperation} cooperation, ${d.conflict} conflict)`;
    svg.append(h('a', {svg: true, href: `#/dyad/${encodeURIComponent(d.actor)}/${encodeURIComponent(d.recipient)}`, 'aria-label': text, class: 'edge-link'},
      h('line', {x1, y1, x2, y2, class: 'edge ' + kind, 'stroke-width': width.toFixed(1)}, h('title', {}, text)),
      h('circle', {cx: x1 + (x2 - x1) * 0.8, cy: y1 + (y2 - y1) * 0.8, r: 2 + width / 2, class: 'arrow ' + kind})));
  }
  for (const n of nodes) {
    const r = 6 + 14 * Math.sqrt(n.events / maxN);
    svg.append(h('a', {svg: true, href: '#/actor/' + encodeURIComponent(n.key), 'aria-label': `${n.name}: ${n.events} events in these pairs`, class: 'node-link'},
      h('circle', {cx: n.x, cy: n.y, r, class: 'node'}, h('title', {}, `${n.name} (${n.key})`)),
      h('text', {x: n.x, y: n.y - r - 4, 'text-anchor': 'middle', class: 'node-label'}, n.name.length > 22 ? n.name.slice(0, 21) + '…' : n.name)));
  }
  return h('figure', {class: 'network-figure'}, svg,
    h('figcaption', {}, h('span', {class: 'swatch cooperation'}), ' mostly cooperation ', h('span', {class: 'swatch conflict'}), ' mostly conflict ',
      h('span', {class: 'swatch mixed'}), ' even. Line width: number of events; the dot marks the recipient end. Select a line or an actor to see its events.'));
}

named('network', /^\/network$/, async (root, args, params) => {
  const filter = pick(params, FILTER_KEYS);
  const limit = Math.min(200, Number(params.limit) || 40);
  const dyads = await api('/api/dyads' + qs(Object.assign({}, filter, {limit})));
  append(root, [
    h('h1', {}, 'Network of actors'),
    filterForm(params, '#/network', ['actor']),
    h('p', {class: 'muted'}, `The ${fmt(dyads.items.length)} most active actor → recipient pairs. `,
      [20, 40, 100].map(n => n === limit ? h('strong', {}, `${n} `) : h('a', {href: '#/network' + qs(Object.assign({}, params, {limit: n}))}, `${n} `)), 'pairs'),
    h('section', {class: 'card'}, networkGraph(dyads.items, 'Network of the most active actor pairs')),
    h('section', {class: 'card'}, h('h2', {}, 'The pairs'), dyadsTable(dyads.items)),
  ]);
});

// ---------------------------------------------------------------- actor and dyad

named('network', /^\/actor\/([^/]+)$/, async (root, [key], params) => {
  const role = params.role === 'recipient' ? 'recipient' : 'actor';
  const filter = Object.assign(pick(params, FILTER_KEYS), {[role]: key});
  delete filter[role === 'actor' ? 'recipient' : 'actor'];
  const base = '#/actor/' + encodeURIComponent(key);
  const stats = await api('/api/stats');
  const period = params.period || periodFor(filter.since || stats.first_day, filter.until || stats.last_day);
  const [timeline, asActor, asRecipient, me, list] = await Promise.all([
    api('/api/timeline' + qs(Object.assign({}, filter, {period}))),
    api('/api/dyads' + qs(Object.assign(pick(params, ['since', 'until', 'type', 'status', 'ownership']), {actor: key, limit: 20}))),
    api('/api/dyads' + qs(Object.assign(pick(params, ['since', 'until', 'type', 'status', 'ownership']), {recipient: key, limit: 20}))),
    api('/api/actors' + qs({actor: key, limit: 50})),
    eventList(base, params, filter, 25),
  ]);
  const self = me.items.find(a => a.key === key);
  const name = self ? self.name : key;
  const link = extra => base + qs(Object.assign({}, pick(params, ['since', 'until', 'type', 'status', 'ownership', 'role']), extra));
  append(root, [
    h('p', {class: 'crumbs'}, h('a', {href: '#/network'}, 'Network'), ' › actor'),
    h('h1', {}, name, ' ', h('span', {class: 'muted'}, key)),
    self ? h('p', {class: 'lede'}, `${fmt(self.as_actor)} events as actor, ${fmt(self.as_recipient)} as recipient; ${fmt(self.cooperation)} cooperation, ${fmt(self.conflict)} conflict.`) : null,
    h('p', {}, 'Events where it is the ', role === 'actor' ? h('strong', {}, 'actor') : h('a', {href: link({role: ''})}, 'actor'),
      ' · the ', role === 'recipient' ? h('strong', {}, 'recipient') : h('a', {href: link({role: 'recipient'})}, 'recipient')),
    filterForm(params, base),
    h('div', {class: 'grid'},
      h('section', {class: 'card wide'}, h('h2', {}, `Timeline as ${role} (per ${period})`),
        timelineChart(timeline.items, period, b => link(rangeOf(b, period)))),
      h('section', {class: 'card wide'}, h('h2', {}, 'Its partners'),
        networkGraph([...asActor.items, ...asRecipient.items], `Actors ${name} acts on or is acted on by`)),
      h('section', {class: 'card'}, h('h2', {}, 'By PLOVER type'), typeBars(timeline.items, t => link({type: t})))),
    list,
  ]);
});

named('network', /^\/dyad\/([^/]+)\/([^/]+)$/, async (root, [a, b], params) => {
  const filter = Object.assign(pick(params, FILTER_KEYS), {dyad: `${a},${b}`});
  const base = `#/dyad/${encodeURIComponent(a)}/${encodeURIComponent(b)}`;
  const stats = await api('/api/stats');
  const period = params.period || periodFor(filter.since || stats.first_day, filter.until || stats.last_day);
  const [timeline, pair, list] = await Promise.all([
    api('/api/timeline' + qs(Object.assign({}, filter, {period}))),
    api('/api/dyads' + qs({dyad: `${a},${b}`, limit: 2})),
    eventList(base, params, filter, 25),
  ]);
  const nameOf = k => {
    for (const d of pair.items) {
      if (d.actor === k) return d.actor_name;
      if (d.recipient === k) return d.recipient_name;
    }
    return k;
  };
  const link = extra => base + qs(Object.assign({}, pick(params, ['since', 'until', 'type', 'status', 'ownership']), extra));
  append(root, [
    h('p', {class: 'crumbs'}, h('a', {href: '#/network'}, 'Network'), ' › dyad'),
    h('h1', {}, `${nameOf(a)} and ${nameOf(b)}`),
    h('p', {class: 'lede'}, 'Events between ', h('a', {href: '#/actor/' + encodeURIComponent(a)}, nameOf(a)), ' and ',
      h('a', {href: '#/actor/' + encodeURIComponent(b)}, nameOf(b)), ', either way round. ',
      pair.items.map(d => `${d.actor_name} → ${d.recipient_name}: ${d.events} (${d.cooperation} cooperation, ${d.conflict} conflict). `)),
    filterForm(params, base),
    h('div', {class: 'grid'},
      h('section', {class: 'card wide'}, h('h2', {}, `Timeline (per ${period})`), timelineChart(timeline.items, period, b2 => link(rangeOf(b2, period)))),
      h('section', {class: 'card'}, h('h2', {}, 'By PLOVER type'), typeBars(timeline.items, t => link({type: t})))),
    list,
  ]);
});

// ---------------------------------------------------------------- claims

function parties(label, list, cls) {
  if (!list || !list.length) return null;
  return h('div', {class: 'party ' + cls}, h('dt', {}, label), h('dd', {}, list.map(p => p.name).join(', ')));
}

named('claims', /^\/claims$/, async (root, args, params) => {
  const offset = Number(params.offset) || 0, limit = 25;
  const page = await api('/api/claims' + qs({offset, limit}));
  append(root, [
    h('h1', {}, 'Claims'),
    h('p', {class: 'lede'}, 'Accusations, denials and confirmations are claims about an event, not facts. ',
      `${fmt(page.total)} claims, contested ones first.`),
    page.items.length ? h('ol', {class: 'claims', start: offset + 1}, page.items.map(c => h('li', {class: 'card claim' + (c.contested ? ' contested' : '')},
      h('h2', {class: 'claim-text'}, c.contested ? h('span', {class: 'badge contested-badge'}, 'contested') : null, ' ', c.text),
      h('dl', {class: 'parties'},
        parties('Alleged by', c.alleged_by, 'alleges'),
        parties('Denied by', c.denied_by, 'denies'),
        parties('Confirmed by', c.confirmed_by, 'confirms'),
        parties('Neither confirmed nor denied by', c.neither_confirmed_nor_denied_by, 'ncnd')),
      h('p', {class: 'outlets'}, 'Reported by ', c.outlets.length ? c.outlets.map((o, i) => [i ? ', ' : '',
        h('span', {class: 'outlet'}, o.name, ' ', ownershipBadge(o.ownership), ' ', h('span', {class: 'muted'}, `${o.country}, ${o.documents} doc.`))]) : null,
        c.unknown_outlet_documents ? `${c.outlets.length ? ' and ' : ''}${c.unknown_outlet_documents} document(s) of unknown outlet` : null),
      h('p', {class: 'muted'}, c.first_seen ? `Seen ${c.first_seen}${c.last_seen && c.last_seen !== c.first_seen ? ' to ' + c.last_seen : ''} · ` : '',
        `${c.documents} document(s) · events: `, c.events.map((id, i) => [i ? ', ' : '', h('a', {href: '#/event/' + encodeURIComponent(id)}, id.length > 16 ? '…' + id.slice(-12) : id)]))))) :
      h('p', {class: 'empty'}, 'No claims in the store.'),
    pager(page.total, offset, limit, o => '#/claims' + qs({offset: o || ''})),
  ]);
});

// ---------------------------------------------------------------- events

function explanationBlock(e) {
  const x = e.explanation || {};
  return h('section', {class: 'explanation', 'aria-label': 'Explanation'},
    h('h3', {}, 'Why this event'),
    h('dl', {class: 'record'},
      h('dt', {}, 'Trigger'), h('dd', {}, x.trigger_text ? h('mark', {class: 'trig'}, x.trigger_text) : '–'),
      h('dt', {}, 'Pattern'), h('dd', {}, x.pattern ? h('code', {}, x.pattern) : '–', x.pattern_source ? h('span', {class: 'muted'}, ' from ' + x.pattern_source) : null),
      h('dt', {}, 'Roles'), h('dd', {}, x.roles && x.roles.length ? h('ul', {}, x.roles.map(r => h('li', {}, r))) : '–'),
      h('dt', {}, 'Cues'), h('dd', {}, x.cues && x.cues.length ? h('ul', {}, x.cues.map(c => h('li', {}, h('q', {}, c.text), ` (${c.kind})`))) : 'none'),
      x.notes && x.notes.length ? [h('dt', {}, 'Notes'), h('dd', {}, h('ul', {}, x.notes.map(n => h('li', {}, n))))] : null));
}

function eventRecord(e, stored) {
  const row = (k, v) => (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)) ? null : [h('dt', {}, k), h('dd', {}, v)];
  const actors = list => list && list.length ? h('ul', {}, list.map(a => h('li', {},
    a.code ? h('a', {href: '#/actor/' + encodeURIComponent(a.code + (a.sector && a.sector !== a.code ? a.sector : ''))}, actorName(a)) : actorName(a),
    h('span', {class: 'muted'}, ` “${a.entity_text}” ${a.kind}`)))) : null;
  const loc = e.event_loc ? `${e.event_loc.name} (${e.event_loc.country}${e.event_loc.lat != null ? `, ${e.event_loc.lat}, ${e.event_loc.lon}` : ''})` : null;
  const mag = m => m ? m.text + (m.min != null || m.max != null ? ` (${m.min ?? '?'}–${m.max ?? '?'})` : '') : null;
  return h('div', {class: 'event-record'},
    h('p', {class: 'sentence big'}, sentenceWithTrigger(e)),
    h('dl', {class: 'record'},
      row('Event', [typeBadge(e.event, e.quad_code), ' ', quadOf(e.quad_code).name, e.mode ? ` · mode ${e.mode}` : '']),
      row('Actor', actors(e.actor)), row('Recipient', actors(e.recipient)),
      row('Status', statusBadge(e.status)),
      row('Said by', e.said_by ? actorName(e.said_by) : null),
      row('Date', e.date || (stored && stored.day ? stored.day + ' (document date)' : null)),
      row('Place', loc), row('Context', (e.context || []).join(', ')),
      row('CAMEO', e.cameo ? e.cameo + (e.goldstein != null ? ` (Goldstein ${e.goldstein})` : '') : null),
      row('Dead', mag(e.dead)), row('Injured', mag(e.injured)), row('Arrested', mag(e.arrested)), row('Size', mag(e.size)),
      row('Segment', e.segment),
      row('Event words', e.event_text ? h('q', {}, e.event_text) : null),
      row('Linked events', (e.related || []).length ? h('ul', {}, e.related.map(id => h('li', {}, h('a', {href: '#/event/' + encodeURIComponent(id)}, id)))) : null),
      row('Id', h('code', {}, e.id))),
    explanationBlock(e));
}

named('overview', /^\/event\/(.+)$/, async (root, [id]) => {
  const se = await api('/api/events/' + encodeURIComponent(id));
  const e = se.event;
  append(root, [
    h('p', {class: 'crumbs'}, h('a', {href: '#/'}, 'Overview'), ' › event'),
    h('h1', {}, `${e.event}: ${who(e.actor)} → ${who(e.recipient)}`),
    h('p', {class: 'lede'}, 'From ', h('a', {href: '#/doc/' + encodeURIComponent(se.document) + '?event=' + encodeURIComponent(e.id)}, se.doc_title || 'the document'),
      se.outlet ? [' (', se.outlet.name, ' ', ownershipBadge(se.outlet.ownership), ')'] : null,
      se.num_articles > 1 ? `, in ${se.num_articles} articles from ${se.num_sources} sources` : '', '.'),
    h('section', {class: 'card'}, eventRecord(e, se)),
  ]);
});

// ---------------------------------------------------------------- documents

/** The document's text with its layers marked: segments, repairs, mentions, quotes, event triggers. */
function documentText(a, onEvent) {
  const text = a.doc.text || '';
  const b2u = byteMapper(text);
  const marks = [];
  for (const r of a.repairs || []) marks.push({s: r.offset, e: r.offset + byteLength(r.after), kind: 'repair', r});
  for (const m of a.mentions || []) marks.push({s: m.start, e: m.end, kind: 'mention', m});
  for (const q of a.quotes || []) marks.push({s: q.start, e: q.end, kind: 'quote', q});
  (a.events || []).forEach((ev, i) => {
    const t = ev.explanation && ev.explanation.trigger;
    if (t && t.end > t.start) marks.push({s: t.start, e: t.end, kind: 'trigger', i});
  });
  const segs = (a.segments || []).slice().sort((x, y) => x.start - y.start);
  const blocks = [];
  let pos = 0;
  const piece = (s, e) => {
    const out = [];
    const inside = marks.filter(m => m.e > s && m.s < e);
    const cuts = new Set([s, e]);
    for (const m of inside) { cuts.add(Math.max(s, m.s)); cuts.add(Math.min(e, m.e)); }
    const points = [...cuts].sort((x, y) => x - y);
    const firstTrigger = new Set();
    for (let k = 0; k + 1 < points.length; k++) {
      const p0 = points[k], p1 = points[k + 1];
      const str = text.slice(b2u(p0), b2u(p1));
      const on = inside.filter(m => m.s <= p0 && m.e >= p1);
      if (!on.length) { out.push(str); continue; }
      const trig = on.filter(m => m.kind === 'trigger');
      const classes = [...new Set(on.map(m => m.kind))];
      const tips = [];
      for (const m of on) {
        if (m.kind === 'repair') tips.push(`repaired: “${m.r.before}” → “${m.r.after}” (${m.r.rule})`);
        if (m.kind === 'mention') tips.push(`${m.m.kind}: ${[m.m.code, m.m.sector].filter(Boolean).join(' ') || '–'}${m.m.name ? ' ' + m.m.name : ''}`);
        if (m.kind === 'quote') tips.push(m.q.direct ? 'quoted speech' : 'reported speech');
      }
      if (trig.length) {
        const ids = trig.map(m => m.i);
        const key = ids.join(',');
        const evs = ids.map(i => a.events[i]);
        tips.push('event: ' + evs.map(ev => `${ev.event} ${who(ev.actor)} → ${who(ev.recipient)} (${ev.status})`).join('; '));
        const focusable = !firstTrigger.has(key);
        firstTrigger.add(key);
        out.push(h('button', {type: 'button', class: 'mark ' + classes.join(' '), title: tips.join('\n'),
          tabindex: focusable ? null : '-1', 'data-event': ids[0], 'aria-label': `${str}: ${tips[tips.length - 1]}. Show the event.`,
          onclick: () => onEvent(ids[0])}, str));
      } else {
        out.push(h('span', {class: 'mark ' + classes.join(' '), title: tips.join('\n')}, str));
      }
    }
    return out;
  };
  let comment = 0;
  for (const sg of segs) {
    if (sg.start > pos) blocks.push(h('div', {class: 'gap'}, piece(pos, sg.start)));
    const label = sg.kind === 'comment' ? `comment ${++comment}${sg.author ? ' — ' + sg.author : ''}` : sg.kind;
    blocks.push(h('section', {class: 'seg seg-' + sg.kind, 'aria-label': label},
      h('span', {class: 'seg-label', 'aria-hidden': 'true'}, label), h('div', {class: 'seg-text'}, piece(Math.max(pos, sg.start), sg.end))));
    pos = Math.max(pos, sg.end);
  }
  const total = byteLength(text);
  if (pos < total) blocks.push(h('div', {class: 'gap'}, piece(pos, total)));
  return h('div', {class: 'doc-text'}, blocks);
}

function documentView(a, opts) {
  const d = a.doc;
  const store = a.store;
  const panel = h('aside', {class: 'event-panel card', id: 'event-panel', tabindex: '-1', 'aria-live': 'polite', 'aria-label': 'Selected event'},
    h('p', {class: 'muted'}, 'Select a highlighted event word, or an event below, to see its record and explanation.'));
  const show = i => {
    const e = a.events[i];
    panel.replaceChildren(h('h2', {}, `${e.event}: ${who(e.actor)} → ${who(e.recipient)}`),
      store ? h('p', {}, h('a', {href: '#/event/' + encodeURIComponent(e.id)}, 'Open the event on its own page')) : null,
      eventRecord(e, null));
    document.querySelectorAll('.doc-text .selected').forEach(el => el.classList.remove('selected'));
    document.querySelectorAll(`.doc-text [data-event="${i}"]`).forEach(el => el.classList.add('selected'));
    panel.focus();
    if (opts && opts.onSelect) opts.onSelect(e);
  };
  const counts = {};
  for (const s of a.segments || []) counts[s.kind] = (counts[s.kind] || 0) + 1;
  const meta = h('dl', {class: 'record meta'},
    d.url ? [h('dt', {}, 'URL'), h('dd', {}, h('span', {class: 'url'}, d.url))] : null,
    d.outlet ? [h('dt', {}, 'Outlet'), h('dd', {}, d.outlet.name, ' ', ownershipBadge(d.outlet.ownership), h('span', {class: 'muted'}, ` ${d.outlet.country} · ${d.outlet.domain}`))] : null,
    d.author ? [h('dt', {}, 'Author'), h('dd', {}, d.author)] : null,
    d.date ? [h('dt', {}, 'Date'), h('dd', {}, d.date)] : null,
    h('dt', {}, 'Input'), h('dd', {}, `${d.input.format}${d.input.charset ? ', ' + d.input.charset : ''}`),
    h('dt', {}, 'Parts'), h('dd', {}, Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ') || 'none'),
    h('dt', {}, 'Repairs'), h('dd', {}, (a.repairs || []).length ? `${a.repairs.length} (marked in the text)` : 'none'),
    store && store.articles && store.articles.length ? [h('dt', {}, 'Seen at'), h('dd', {}, h('ul', {}, store.articles.map(x => h('li', {}, h('span', {class: 'url'}, x.url || '(no URL)'), x.outlet ? h('span', {class: 'muted'}, ' ' + x.outlet) : null))))] : null,
    store && store.story_documents > 1 ? [h('dt', {}, 'Story'), h('dd', {}, `${store.story_documents} near-duplicate documents`)] : null);
  const legend = h('p', {class: 'legend-line'}, 'Marked: ', h('span', {class: 'mark mention'}, 'actor or place'), ' ',
    h('span', {class: 'mark trigger'}, 'event word'), ' ', h('span', {class: 'mark repair'}, 'repaired characters'), ' ',
    h('span', {class: 'mark quote'}, 'quoted or reported speech'));
  const events = a.events || [];
  const list = h('section', {class: 'card', 'aria-labelledby': 'doc-events-h'}, h('h2', {id: 'doc-events-h'}, `Events (${events.length})`),
    events.length ? h('ol', {class: 'doc-events'}, events.map((e, i) => h('li', {},
      h('button', {type: 'button', class: 'linklike', onclick: () => show(i)}, typeBadge(e.event, e.quad_code), ` ${who(e.actor)} → ${who(e.recipient)} `),
      statusBadge(e.status), ' ', h('span', {class: 'muted'}, e.event_text ? `“${e.event_text}”` : '')))) : h('p', {class: 'empty'}, 'No events were coded in this text.'));
  const view = h('div', {class: 'document'},
    h('h1', {}, d.title || '(untitled)'), meta, legend,
    h('div', {class: 'doc-layout'}, h('article', {class: 'card doc-body', 'aria-label': 'Document text'}, documentText(a, show)), panel),
    list);
  view.showEvent = show;
  return view;
}

named('overview', /^\/doc\/(.+)$/, async (root, [id], params) => {
  const a = await api('/api/documents/' + encodeURIComponent(id));
  const view = documentView(a);
  append(root, [h('p', {class: 'crumbs'}, h('a', {href: '#/'}, 'Overview'), ' › document'), view]);
  if (params.event) {
    const i = (a.events || []).findIndex(e => e.id === params.event);
    if (i >= 0) setTimeout(() => view.showEvent(i), 0);
  }
});

// ---------------------------------------------------------------- search

named('search', /^\/search$/, async (root, args, params) => {
  const q = params.q || '';
  const offset = Number(params.offset) || 0, limit = 20;
  const form = h('form', {class: 'filters', role: 'search'},
    h('div', {class: 'field grow'}, h('label', {for: 's-q'}, 'Words in the document'), h('input', {id: 's-q', name: 'q', value: q, type: 'search', required: true})),
    h('div', {class: 'field buttons'}, h('button', {type: 'submit'}, 'Search')));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    location.hash = '#/search' + qs({q: new FormData(form).get('q')});
  });
  append(root, [h('h1', {}, 'Search documents'), form]);
  if (!q.trim()) return;
  const page = await api('/api/search' + qs({q, offset, limit}));
  append(root, [
    h('p', {class: 'summary'}, `${fmt(page.total)} documents hold every word.`,
      ' ', h('a', {href: '#/' + qs({search: q})}, 'Events whose sentence holds them')),
    h('ol', {class: 'hits', start: offset + 1}, page.items.map(d => h('li', {},
      h('a', {href: '#/doc/' + encodeURIComponent(d.id)}, d.title || d.url || d.id), d.date ? h('span', {class: 'muted'}, ' ' + d.date) : null,
      h('p', {class: 'snippet'}, d.snippet)))),
    pager(page.total, offset, limit, o => '#/search' + qs({q, offset: o || ''})),
  ]);
});

// ---------------------------------------------------------------- analyze

let lastAnalysis = null;

named('analyze', /^\/analyze$/, async root => {
  const result = h('div', {class: 'analysis', 'aria-live': 'polite'});
  const area = h('textarea', {id: 'a-text', name: 'content', rows: 10, required: true, spellcheck: 'false',
    placeholder: 'Paste a news text or the HTML of a page'});
  const form = h('form', {class: 'analyze-form card'},
    h('div', {class: 'field grow'}, h('label', {for: 'a-text'}, 'Text or HTML'), area),
    h('div', {class: 'row'},
      h('div', {class: 'field'}, h('label', {for: 'a-kind'}, 'It is'), h('select', {id: 'a-kind', name: 'kind'},
        h('option', {value: 'auto'}, 'detect'), h('option', {value: 'text'}, 'plain text'), h('option', {value: 'html'}, 'HTML'))),
      h('div', {class: 'field'}, h('label', {for: 'a-url'}, 'URL (optional)'), h('input', {id: 'a-url', name: 'url', type: 'url', placeholder: 'the page address'})),
      h('div', {class: 'field'}, h('label', {for: 'a-date'}, 'Date (optional)'), h('input', {id: 'a-date', name: 'date', type: 'date'})),
      h('div', {class: 'field buttons'}, h('button', {type: 'submit'}, 'Analyze'))),
    h('p', {class: 'muted'}, 'The text is analysed on this server, with the same stages as ', h('code', {}, 'sitrep analyze'), ', and is not stored.'));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const f = new FormData(form);
    const content = String(f.get('content') || '');
    let kind = f.get('kind');
    if (kind === 'auto') kind = /^\s*</.test(content) && /<\/?(html|body|p|div|article|head)\b/i.test(content) ? 'html' : 'text';
    const body = {[kind]: content};
    if (f.get('url')) body.url = f.get('url');
    if (f.get('date')) body.date = f.get('date');
    say('Analysing…');
    result.replaceChildren(h('p', {class: 'muted'}, 'Analysing…'));
    try {
      const a = await api('/api/analyze', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
      lastAnalysis = a;
      result.replaceChildren(documentView(a));
      say(`Analysed: ${(a.events || []).length} events.`);
      const h1 = result.querySelector('h1');
      if (h1) { h1.setAttribute('tabindex', '-1'); h1.focus(); }
    } catch (e) {
      result.replaceChildren(h('p', {class: 'error-box', role: 'alert'}, e.message));
      say(e.message, true);
    }
  });
  append(root, [h('h1', {}, 'Analyze a text'), form, result]);
  if (lastAnalysis) result.replaceChildren(documentView(lastAnalysis));
});

// ---------------------------------------------------------------- start

window.addEventListener('hashchange', () => { render(); main().focus({preventScroll: false}); });
window.addEventListener('DOMContentLoaded', render);
