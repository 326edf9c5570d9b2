// SegMeasure viewer page: tiles on a 2D canvas, the features table and the analysis widgets.
// All computing happens in the SegMeasure core behind /api; this file only draws and asks.
'use strict';

const token = new URLSearchParams(location.search).get('token') || '';
const $ = id => document.getElementById(id);

// matplotlib's tab10 and tab20, as the spec colours clusters, categories and classes.
const TAB10 = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const TAB20 = ['#1f77b4', '#aec7e8', '#ff7f0e', '#ffbb78', '#2ca02c', '#98df8a', '#d62728', '#ff9896', '#9467bd', '#c5b0d5',
  '#8c564b', '#c49c94', '#e377c2', '#f7b6d2', '#7f7f7f', '#c7c7c7', '#bcbd22', '#dbdb8d', '#17becf', '#9edae5'];
const COLORMAPS = { gray: [1, 1, 1], red: [1, 0, 0], green: [0, 1, 0], blue: [0, 0, 1], magenta: [1, 0, 1], cyan: [0, 1, 1], yellow: [1, 1, 0] };
const WHITE = [255, 255, 255];
const hex = h => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];

/** The colour of a 1-based category/cluster/class id: tab10 up to 10 ids, tab20 beyond. */
function tabColor(id, count) {
  const palette = count > 10 ? TAB20 : TAB10;
  return hex(palette[(id - 1) % palette.length]);
}

/** A distinct, stable colour per label id (golden-ratio hues). */
function idColor(id) {
  const h = (id * 0.618033988749895) % 1, s = 0.7, v = 0.95;
  const i = Math.floor(h * 6), f = h * 6 - i, p = v * (1 - s), q = v * (1 - f * s), t = v * (1 - (1 - f) * s);
  const [r, g, b] = [[v, t, p], [q, v, p], [p, v, t], [p, q, v], [t, p, v], [v, p, q]][i % 6];
  return [Math.round(r * 255), Math.round(g * 255), Math.round(b * 255)];
}

let inflight = 0;
async function api(path, body, signal) {
  inflight++;
  try { return await request(path, body, signal); } finally { inflight--; }
}
async function request(path, body, signal) {
  const init = { headers: { 'X-SegMeasure-Token': token }, signal };
  if (body !== undefined) { init.method = 'POST'; init.body = JSON.stringify(body); init.headers['Content-Type'] = 'application/json'; }
  const response = await fetch(path, init);
  const type = response.headers.get('Content-Type') || '';
  const data = type.startsWith('application/json') ? await response.json() : await response.arrayBuffer();
  if (!response.ok) throw new Error((data && data.error) || `HTTP ${response.status}`);
  return { data, response };
}

const state = {
  session: null, tables: [], viewer: null,   // server data
  current: 0, z: 0, grid: false,
  view: { scale: 1, ox: 0, oy: 0 },
  layers: { channels: [], labels: { visible: true, opacity: 0.5, contour: false, colorBy: 'ids' }, nuclei: { visible: true, opacity: 0.6, contour: true } },
  selected: new Set(),                      // "member:row"
  strokes: [],                              // per member: brush strokes drawn so far
  thresholds: [], categoryNames: [],
  tableSort: null, tableFilter: '',
};
window.segViewer = { state, ready: false };

// ---------- tiles ----------
// Both caches are bounded and least-recently-used: a 16 384² image has 1 365 tiles per layer,
// and only the ones on screen (and a few screens around) are kept.
const raw = new Map();       // key -> {labels, nuclei, channels[], w, h, bytes} once loaded
const pending = new Map();   // key -> AbortController of the tile's requests
const composed = new Map();  // key -> canvas (RGBA, 4 bytes per pixel)
const MAX_RAW_BYTES = 192 * 1024 * 1024, MAX_COMPOSED = 96;
let rawBytes = 0;
const COMPOSE_BUDGET_MS = 8;  // per frame: composing more would stall panning

function tileKey(m, level, tx, ty) { return `${m}/${state.z}/${level}/${tx}/${ty}`; }

/** Marks a cache entry as just used (Map keeps insertion order: the first key is the oldest). */
function touch(map, key) { const v = map.get(key); if (v !== undefined) { map.delete(key); map.set(key, v); } return v; }

function storeRaw(key, tile) {
  raw.set(key, tile); rawBytes += tile.bytes;
  for (const [k, t] of raw) { if (rawBytes <= MAX_RAW_BYTES) break; raw.delete(k); composed.delete(k); rawBytes -= t.bytes; }
}
function storeComposed(key, image) {
  composed.set(key, image);
  for (const k of composed.keys()) { if (composed.size <= MAX_COMPOSED) break; composed.delete(k); }
}

async function loadTile(m, level, tx, ty) {
  const key = tileKey(m, level, tx, ty);
  if (raw.has(key) || pending.has(key)) return;
  const abort = new AbortController();
  pending.set(key, abort);
  const info = state.session.members[m];
  const q = `m=${m}&z=${state.z}&level=${level}&tx=${tx}&ty=${ty}`;
  try {
    const requests = [api(`/api/tile?layer=labels&${q}`, undefined, abort.signal)];
    if (info.hasNuclei) requests.push(api(`/api/tile?layer=nuclei&${q}`, undefined, abort.signal));
    info.channels.forEach((_, c) => requests.push(api(`/api/tile?layer=intensity&c=${c}&${q}`, undefined, abort.signal)));
    const results = await Promise.all(requests);
    const w = +results[0].response.headers.get('X-Tile-Width'), h = +results[0].response.headers.get('X-Tile-Height');
    const tile = { labels: new Uint32Array(results[0].data), nuclei: null, channels: [], w, h, m, level, tx, ty, bytes: 0 };
    let k = 1;
    if (info.hasNuclei) tile.nuclei = new Uint32Array(results[k++].data);
    for (; k < results.length; k++) tile.channels.push(new Float32Array(results[k].data));
    tile.bytes = results.reduce((sum, r) => sum + r.data.byteLength, 0);
    storeRaw(key, tile);
  } catch (e) {
    if (e.name === 'AbortError') return;
    throw e;
  } finally {
    if (pending.get(key) === abort) pending.delete(key);
  }
  scheduleDraw();
}

/** Cancels the requests of tiles that left the view (a fast zoom passes many levels). */
function abortUnwanted(wanted) {
  for (const [key, abort] of pending) if (!wanted.has(key)) { abort.abort(); pending.delete(key); }
}

/** Per-member lookup from label id to the value the overlay is coloured by. */
function overlayColors(m) {
  const by = state.layers.labels.colorBy;
  if (by === 'ids') return null;
  const table = state.tables[m], v = state.viewer && state.viewer.members[m];
  const column = { category: 'categoryId', cluster: 'clusterId', classification: 'classificationId', annotation: 'annotation' }[by];
  const values = v ? v[column] : null;
  const colors = new Map();
  if (!values) return colors;
  const count = Math.max(0, ...values.filter(x => x != null));
  table.rows.forEach((row, r) => { const x = values[r]; if (x != null && x > 0) colors.set(row[table.indexColumn], tabColor(x, count)); });
  return colors;
}

function compose(tile, colorsByMember, selectedIds) {
  const { w, h } = tile, canvas = document.createElement('canvas');
  canvas.width = w; canvas.height = h;
  const ctx = canvas.getContext('2d'), image = ctx.createImageData(w, h), px = image.data;
  const channels = state.layers.channels.map((c, i) => ({ ...c, data: tile.channels[i] })).filter(c => c.visible && c.data);
  const labels = state.layers.labels, nuclei = state.layers.nuclei;
  const colors = colorsByMember[tile.m], selected = selectedIds[tile.m].size ? selectedIds[tile.m] : null;
  let lastId = 0, lastColor = null, lastAlpha = 0;
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i++) {
      let r = 0, g = 0, b = 0;
      for (const c of channels) {
        let t = (c.data[i] - c.min) / (c.max - c.min || 1);
        t = t <= 0 ? 0 : t >= 1 ? 1 : c.gamma === 1 ? t : Math.pow(t, c.gamma);
        r += t * c.rgb[0]; g += t * c.rgb[1]; b += t * c.rgb[2];
      }
      r = Math.min(255, r * 255); g = Math.min(255, g * 255); b = Math.min(255, b * 255);
      const id = tile.labels[i];
      if (labels.visible && id !== 0 && (!labels.contour || isEdge(tile.labels, i, x, y, w, h))) {
        // Neighbouring pixels mostly share an id: look its colour up once per run of pixels.
        if (id !== lastId) {
          lastId = id;
          const chosen = selected !== null && selected.has(id);
          lastColor = chosen ? WHITE : colors ? colors.get(id) : idColor(id);
          lastAlpha = chosen ? 0.8 : labels.opacity;
        }
        const color = lastColor, a = lastAlpha;
        if (color) { r += (color[0] - r) * a; g += (color[1] - g) * a; b += (color[2] - b) * a; }
      }
      if (tile.nuclei && nuclei.visible) {
        const n = tile.nuclei[i];
        if (n !== 0 && (!nuclei.contour || isEdge(tile.nuclei, i, x, y, w, h))) {
          const color = idColor(n * 7 + 3), a = nuclei.opacity;
          r += (color[0] - r) * a; g += (color[1] - g) * a; b += (color[2] - b) * a;
        }
      }
      const o = i * 4; px[o] = r; px[o + 1] = g; px[o + 2] = b; px[o + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

function isEdge(ids, i, x, y, w, h) {
  const id = ids[i];
  return (x > 0 && ids[i - 1] !== id) || (x < w - 1 && ids[i + 1] !== id) || (y > 0 && ids[i - w] !== id) || (y < h - 1 && ids[i + w] !== id);
}

// Per member, the overlay's colour lookup and the selected ids: rebuilt only when they can change
// (every such change calls invalidate), not per frame (65 536 objects make a large Map).
let overlays = new Map();
function overlayOf(m) {
  if (!overlays.has(m)) overlays.set(m, { colors: overlayColors(m), selected: selectedLabelIds(m) });
  return overlays.get(m);
}

function invalidate() { composed.clear(); overlays = new Map(); scheduleDraw(); }

// ---------- geometry ----------
function visibleMembers() {
  return state.grid ? state.session.members.map((_, i) => i) : [state.current];
}

/** World offset of a member: grid cells in reading order, or the origin. */
function memberOrigin(m) {
  if (!state.grid) return [0, 0];
  const members = state.session.members, cols = Math.ceil(Math.sqrt(members.length));
  const cw = Math.max(...members.map(x => x.width)) * 1.05, ch = Math.max(...members.map(x => x.height)) * 1.05;
  return [(m % cols) * cw, Math.floor(m / cols) * ch];
}

function screenToImage(sx, sy) {
  const { scale, ox, oy } = state.view;
  const wx = (sx - ox) / scale, wy = (sy - oy) / scale;
  for (const m of visibleMembers()) {
    const [mx, my] = memberOrigin(m), info = state.session.members[m];
    const x = wx - mx, y = wy - my;
    if (x >= 0 && y >= 0 && x < info.width && y < info.height) return { m, x, y };
  }
  return null;
}

/** Canvas-relative screen position of image pixel (x, y) of member m (used by tests too). */
function imageToScreen(m, x, y) {
  const [mx, my] = memberOrigin(m), { scale, ox, oy } = state.view;
  const rect = canvas.getBoundingClientRect();
  return { x: rect.left + ox + (mx + x) * scale, y: rect.top + oy + (my + y) * scale };
}

function fitView() {
  const members = visibleMembers();
  let w = 0, h = 0;
  for (const m of members) { const [mx, my] = memberOrigin(m), info = state.session.members[m]; w = Math.max(w, mx + info.width); h = Math.max(h, my + info.height); }
  const scale = Math.min(canvas.width / w, canvas.height / h);
  state.view = { scale, ox: (canvas.width - w * scale) / 2, oy: (canvas.height - h * scale) / 2 };
}

// ---------- drawing ----------
const canvas = $('canvas'), ctx = canvas.getContext('2d');
let drawQueued = false, firstPaintReported = false;
function scheduleDraw() { if (!drawQueued) { drawQueued = true; requestAnimationFrame(draw); } }

function draw() {
  drawQueued = false;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#000'; ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingEnabled = false;
  const { scale, ox, oy } = state.view, size = state.session.tileSize;
  const colorsByMember = {}, selectedIds = {};
  for (const m of visibleMembers()) { const o = overlayOf(m); colorsByMember[m] = o.colors; selectedIds[m] = o.selected; }
  const deadline = performance.now() + COMPOSE_BUDGET_MS;
  const wanted = new Set(), missing = [];
  let complete = true, deferred = false;
  /** The tile's picture, composed now if the frame's budget allows (placeholders always may). */
  const imageOf = (key, tile, force) => {
    let image = touch(composed, key);
    if (!image && (force || performance.now() < deadline)) { image = compose(tile, colorsByMember, selectedIds); storeComposed(key, image); }
    return image;
  };
  const cx = canvas.width / 2, cy = canvas.height / 2;
  for (const m of visibleMembers()) {
    const info = state.session.members[m], [mx, my] = memberOrigin(m);
    const want = Math.max(0, Math.min(info.levels - 1, Math.floor(Math.log2(1 / scale))));
    const coarsest = info.levels - 1;
    // The tiles of the view at a level, as screen rectangles.
    const tilesAt = level => {
      const f = 1 << level, levelW = Math.ceil(info.width / f), levelH = Math.ceil(info.height / f), out = [];
      const x0 = Math.max(0, Math.floor(((-ox) / scale - mx) / f / size)), y0 = Math.max(0, Math.floor(((-oy) / scale - my) / f / size));
      const x1 = Math.min(Math.ceil(levelW / size) - 1, Math.floor(((canvas.width - ox) / scale - mx) / f / size));
      const y1 = Math.min(Math.ceil(levelH / size) - 1, Math.floor(((canvas.height - oy) / scale - my) / f / size));
      for (let ty = y0; ty <= y1; ty++) for (let tx = x0; tx <= x1; tx++) {
        const w = Math.min(size, levelW - tx * size), h = Math.min(size, levelH - ty * size);
        out.push({ level, tx, ty, w, h, dx: ox + (mx + tx * size * f) * scale, dy: oy + (my + ty * size * f) * scale, dw: w * f * scale, dh: h * f * scale });
      }
      return out;
    };
    // The coarsest level is always kept: it is the placeholder of last resort while finer tiles arrive.
    for (const t of tilesAt(coarsest)) wanted.add(tileKey(m, coarsest, t.tx, t.ty));
    for (const t of tilesAt(want)) {
      const key = tileKey(m, want, t.tx, t.ty), tile = touch(raw, key);
      wanted.add(key);
      const image = tile && imageOf(key, tile, false);
      if (image) { ctx.drawImage(image, t.dx, t.dy, t.dw, t.dh); continue; }
      complete = false;
      if (tile) deferred = true;
      else missing.push({ m, ...t, d: (t.dx + t.dw / 2 - cx) ** 2 + (t.dy + t.dh / 2 - cy) ** 2 });
      drawPlaceholder(m, t, size, imageOf);
    }
    if (state.grid && m === state.current) {
      ctx.strokeStyle = '#f0c040'; ctx.lineWidth = 1;
      ctx.strokeRect(ox + mx * scale, oy + my * scale, info.width * scale, info.height * scale);
    }
  }
  abortUnwanted(wanted);
  // Coarsest tiles first (cheap, they fill the screen), then the view's tiles from its centre out.
  for (const m of visibleMembers()) {
    const info = state.session.members[m], coarsest = info.levels - 1;
    for (const key of wanted) { const [km, , level, tx, ty] = key.split('/').map(Number); if (km === m && level === coarsest) loadTile(m, level, tx, ty); }
  }
  missing.sort((a, b) => a.d - b.d).forEach(t => loadTile(t.m, t.level, t.tx, t.ty));
  drawStrokes();
  if (deferred) scheduleDraw();
  window.segViewer.viewComplete = complete;
  if (complete) window.segViewer.completeAt = performance.now();
  if (complete && !firstPaintReported) {
    firstPaintReported = true;
    const ms = performance.now();
    window.segViewer.firstPaintMs = ms; window.segViewer.ready = true; document.body.dataset.ready = '1';
    api('/api/timing', { firstPaintMs: ms }).catch(() => {});
  }
}

/** Fills a tile not drawn yet with the part of the finest coarser tile there is, scaled up. */
function drawPlaceholder(m, t, size, imageOf) {
  const info = state.session.members[m];
  for (let level = t.level + 1; level < info.levels; level++) {
    const k = level - t.level, ax = t.tx >> k, ay = t.ty >> k, key = tileKey(m, level, ax, ay), tile = raw.get(key);
    if (!tile) continue;
    const image = imageOf(key, tile, level === info.levels - 1);
    if (!image) continue;
    const sx = ((t.tx - (ax << k)) * size) / (1 << k), sy = ((t.ty - (ay << k)) * size) / (1 << k);
    const sw = Math.min(t.w / (1 << k), tile.w - sx), sh = Math.min(t.h / (1 << k), tile.h - sy);
    if (sw > 0 && sh > 0) ctx.drawImage(image, sx, sy, sw, sh, t.dx, t.dy, t.dw, t.dh);
    return;
  }
}

function drawStrokes() {
  const { scale, ox, oy } = state.view;
  const layer = strokeLayer(); const sctx = layer.getContext('2d');
  sctx.clearRect(0, 0, layer.width, layer.height);
  let any = false;
  for (const m of visibleMembers()) {
    const [mx, my] = memberOrigin(m);
    for (const s of (state.strokes[m] || []).filter(s => s.z === state.z)) {
      any = true;
      sctx.globalCompositeOperation = s.label === 0 ? 'destination-out' : 'source-over';
      const [r, g, b] = tabColor(s.label || 1, 10);
      sctx.strokeStyle = sctx.fillStyle = `rgb(${r},${g},${b})`;
      sctx.lineWidth = 2 * s.radius * scale; sctx.lineCap = sctx.lineJoin = 'round';
      sctx.beginPath();
      for (let i = 0; i < s.points.length; i += 2) {
        const x = ox + (mx + s.points[i]) * scale, y = oy + (my + s.points[i + 1]) * scale;
        if (i === 0) sctx.moveTo(x, y); else sctx.lineTo(x, y);
      }
      if (s.points.length === 2) { sctx.arc(ox + (mx + s.points[0]) * scale, oy + (my + s.points[1]) * scale, s.radius * scale, 0, 2 * Math.PI); sctx.fill(); }
      else sctx.stroke();
    }
  }
  sctx.globalCompositeOperation = 'source-over';
  if (any) { ctx.globalAlpha = 0.55; ctx.drawImage(layer, 0, 0); ctx.globalAlpha = 1; }
}

let strokeCanvas = null;
function strokeLayer() {
  if (!strokeCanvas || strokeCanvas.width !== canvas.width || strokeCanvas.height !== canvas.height) {
    strokeCanvas = document.createElement('canvas'); strokeCanvas.width = canvas.width; strokeCanvas.height = canvas.height;
  }
  return strokeCanvas;
}

function resize() {
  const rect = canvas.getBoundingClientRect();
  canvas.width = Math.max(1, Math.round(rect.width)); canvas.height = Math.max(1, Math.round(rect.height));
}

// ---------- objects, hover and selection ----------
/** The label id under image pixel (x, y) of member m, from the finest tile loaded. */
function labelAt(m, x, y) {
  const info = state.session.members[m], size = state.session.tileSize;
  for (let level = 0; level < info.levels; level++) {
    const f = 1 << level, lx = Math.floor(x / f), ly = Math.floor(y / f);
    const tile = raw.get(tileKey(m, level, Math.floor(lx / size), Math.floor(ly / size)));
    if (tile) return tile.labels[(ly % size) * tile.w + (lx % size)];
  }
  return 0;
}

function rowOf(m, id) { return state.tables[m].rowById.get(id); }
function selectedLabelIds(m) {
  const ids = new Set(), table = state.tables[m];
  for (const key of state.selected) { const [sm, r] = key.split(':').map(Number); if (sm === m) ids.add(table.rows[r][table.indexColumn]); }
  return ids;
}

function describe(m, id) {
  const r = rowOf(m, id);
  if (r === undefined) return `${state.session.members[m].name}  label ${id}`;
  const table = state.tables[m], row = table.rows[r], v = state.viewer && state.viewer.members[m];
  const cells = table.columns.slice(0, 8).map((c, k) => `${c.name}=${format(row[k])}`);
  if (v) for (const [name, key] of [['annotation', 'annotation'], ['category', 'categoryName'], ['cluster', 'clusterId'], ['class', 'classificationName']])
    if (v[key] && v[key][r] != null && v[key][r] !== 0 && v[key][r] !== '') cells.push(`${name}=${v[key][r]}`);
  return `${state.session.members[m].name}  label ${id}\n${cells.join('  ')}`;
}

function format(x) { return typeof x === 'number' && !Number.isInteger(x) ? x.toPrecision(5) : x == null ? '' : String(x); }

function select(keys, additive) {
  if (!additive) state.selected.clear();
  for (const k of keys) state.selected.add(k);
  invalidate(); renderTable(true); drawScatter(); updateColocalization();
}

// ---------- interaction ----------
let drag = null;
canvas.addEventListener('mousedown', e => {
  const tool = document.querySelector('input[name=tool]:checked').value;
  const p = screenToImage(e.offsetX, e.offsetY);
  if (tool !== 'pan' && p) {
    const stroke = { z: state.z, label: tool === 'eraser' ? 0 : +$('brush-label').value, radius: +$('brush-radius').value, points: [p.x, p.y] };
    (state.strokes[p.m] = state.strokes[p.m] || []).push(stroke);
    drag = { paint: stroke, m: p.m }; scheduleDraw(); return;
  }
  drag = { x: e.offsetX, y: e.offsetY, moved: false };
});
canvas.addEventListener('mousemove', e => {
  if (drag && drag.paint) {
    const p = screenToImage(e.offsetX, e.offsetY);
    if (p && p.m === drag.m) { drag.paint.points.push(p.x, p.y); scheduleDraw(); }
  } else if (drag) {
    const dx = e.offsetX - drag.x, dy = e.offsetY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
    state.view.ox += dx; state.view.oy += dy; drag.x = e.offsetX; drag.y = e.offsetY; scheduleDraw();
  }
  const p = screenToImage(e.offsetX, e.offsetY);
  const id = p ? labelAt(p.m, p.x, p.y) : 0;
  $('hover-info').textContent = p ? (id ? describe(p.m, id) : `${state.session.members[p.m].name}  background`) : '';
  $('hover-info').dataset.label = id;
});
window.addEventListener('mouseup', e => {
  if (!drag) return;
  const d = drag; drag = null;
  if (d.paint) { sendStroke(d.m, d.paint); return; }
  if (!d.moved && e.target === canvas) {
    const p = screenToImage(e.offsetX, e.offsetY);
    if (!p) return;
    if (state.grid && p.m !== state.current) setCurrent(p.m);
    const id = labelAt(p.m, p.x, p.y), r = id ? rowOf(p.m, id) : undefined;
    select(r === undefined ? [] : [`${p.m}:${r}`], e.shiftKey);
  }
});
canvas.addEventListener('wheel', e => {
  e.preventDefault();
  const k = Math.exp(-e.deltaY * 0.0015), v = state.view;
  v.ox = e.offsetX - (e.offsetX - v.ox) * k; v.oy = e.offsetY - (e.offsetY - v.oy) * k; v.scale *= k;
  scheduleDraw();
}, { passive: false });

function setCurrent(m) { state.current = m; $('member').value = m; setupZ(); if (!state.grid) fitView(); invalidate(); }
function setupZ() {
  const depth = state.session.members[state.current].depth;
  $('z-box').style.display = depth > 1 ? '' : 'none';
  $('z').max = depth - 1; state.z = Math.min(state.z, depth - 1); $('z').value = state.z; $('z-value').textContent = state.z;
}

// ---------- server state ----------
function target() { return state.session.group ? -1 : state.current; }

function applyState(s) {
  state.viewer = s;
  renderClassNames(); invalidate(); renderTable(false); drawScatter(); drawHistogram();
  $('cls-save').style.display = s.modelReady ? '' : 'none';
}

function report(id, text, error) { $(id).textContent = text || ''; $(id).style.color = error ? '#f66' : ''; }

async function run(reportId, path, body) {
  $('status').textContent = 'working…';
  try { const { data } = await api(path, body); applyState(data); report(reportId, summary(data.report)); return data; }
  catch (e) { report(reportId, e.message, true); }
  finally { $('status').textContent = ''; }
}
function summary(r) { return r ? Object.entries(r).filter(([, v]) => v != null).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.map(format).join(', ') : v}`).join('\n') : ''; }

function classifierBody() {
  return { target: target(), method: $('cls-method').value, nEstimators: +$('cls-trees').value, maxDepth: +$('cls-depth').value, c: +$('cls-c').value, maxIter: +$('cls-iter').value };
}

let strokeChain = Promise.resolve(), queuedStrokes = 0;
function sendStroke(m, stroke) {
  queuedStrokes++;
  const body = { ...classifierBody(), member: m, z: stroke.z, label: stroke.label, radius: stroke.radius, points: stroke.points, live: $('cls-live').checked };
  strokeChain = strokeChain.then(() => run('cls-report', '/api/paint', body).then(d => {
    if (d && d.report && d.report.message) report('cls-report', d.report.message, false);
    if (body.live && d && !(d.report && d.report.message) && state.layers.labels.colorBy !== 'classification') setColorBy('classification');
  }).finally(() => queuedStrokes--));
}

function setColorBy(by) { state.layers.labels.colorBy = by; const sel = $('color-by'); if (sel) sel.value = by; invalidate(); }

// ---------- layers panel ----------
function renderLayers() {
  const panel = $('panel-layers'); panel.innerHTML = '';
  const info = state.session.members[state.current];
  state.layers.channels.forEach((c, i) => {
    const div = el('div', 'layer', `<h4>Intensity channel ${i}</h4>`);
    div.append(check('Visible', c.visible, v => { c.visible = v; invalidate(); }, `ch${i}-visible`));
    div.append(select_('Colormap', Object.keys(COLORMAPS), c.colormap, v => { c.colormap = v; c.rgb = COLORMAPS[v]; invalidate(); }, `ch${i}-colormap`));
    div.append(number('Contrast min', c.min, v => { c.min = v; invalidate(); }, `ch${i}-min`));
    div.append(number('Contrast max', c.max, v => { c.max = v; invalidate(); }, `ch${i}-max`));
    div.append(range('Gamma', c.gamma, 0.2, 3, 0.05, v => { c.gamma = v; invalidate(); }, `ch${i}-gamma`));
    panel.append(div);
  });
  const l = state.layers.labels, div = el('div', 'layer', '<h4>Segmentation labels</h4>');
  div.append(check('Visible', l.visible, v => { l.visible = v; invalidate(); }, 'labels-visible'));
  div.append(range('Opacity', l.opacity, 0, 1, 0.05, v => { l.opacity = v; invalidate(); }, 'labels-opacity'));
  div.append(check('Contour only', l.contour, v => { l.contour = v; invalidate(); }, 'labels-contour'));
  div.append(select_('Colour by', ['ids', 'category', 'cluster', 'classification', 'annotation'], l.colorBy, v => { l.colorBy = v; invalidate(); }, 'color-by'));
  panel.append(div);
  if (info.hasNuclei) {
    const n = state.layers.nuclei, nd = el('div', 'layer', '<h4>Nuclei labels</h4>');
    nd.append(check('Visible', n.visible, v => { n.visible = v; invalidate(); }, 'nuclei-visible'));
    nd.append(range('Opacity', n.opacity, 0, 1, 0.05, v => { n.opacity = v; invalidate(); }, 'nuclei-opacity'));
    nd.append(check('Contour only', n.contour, v => { n.contour = v; invalidate(); }, 'nuclei-contour'));
    panel.append(nd);
  }
}

function el(tag, cls, html) { const e = document.createElement(tag); if (cls) e.className = cls; if (html) e.innerHTML = html; return e; }
function labelled(text, input) { const l = el('label'); l.append(text + ' ', input); return l; }
function check(text, value, set, id) { const i = el('input'); i.type = 'checkbox'; i.checked = value; i.id = id; i.onchange = () => set(i.checked); const l = el('label'); l.append(i, ' ' + text); return l; }
function number(text, value, set, id) { const i = el('input'); i.type = 'number'; i.value = value; i.id = id; i.step = 'any'; i.onchange = () => set(+i.value); return labelled(text, i); }
function range(text, value, min, max, step, set, id) { const i = el('input'); Object.assign(i, { type: 'range', min, max, step, value, id }); i.oninput = () => set(+i.value); return labelled(text, i); }
function select_(text, options, value, set, id) {
  const s = el('select'); s.id = id;
  for (const o of options) { const opt = el('option'); opt.value = opt.textContent = o; s.append(opt); }
  s.value = value; s.onchange = () => set(s.value); return labelled(text, s);
}

// ---------- features table ----------
const VIEWER_COLUMNS = [['annotation', 'annotation'], ['category_id', 'categoryId'], ['category_name', 'categoryName'], ['cluster_id', 'clusterId'], ['classification_id', 'classificationId'], ['classification_name', 'classificationName']];
const TABLE_WINDOW = 500;

function tableMembers() { return state.session.group ? state.session.members.map((_, i) => i) : [state.current]; }

/** Rows of the shown members as {m, r, cells[]} with the viewer's columns appended. */
function tableRows() {
  const rows = [];
  for (const m of tableMembers()) {
    const t = state.tables[m], v = state.viewer && state.viewer.members[m];
    t.rows.forEach((row, r) => rows.push({ m, r, cells: [state.session.members[m].name, ...row, ...VIEWER_COLUMNS.map(([, k]) => v ? v[k][r] : null)] }));
  }
  return rows;
}
function tableColumns() { return ['member', ...state.tables[tableMembers()[0]].columns.map(c => c.name), ...VIEWER_COLUMNS.map(([n]) => n)]; }

function renderTable(scrollToSelection) {
  const columns = tableColumns();
  let rows = tableRows();
  const filter = state.tableFilter.trim(), m = filter.match(/^(\w+)\s*(<=|>=|!=|<|>|=)\s*(.+)$/);
  if (m && columns.includes(m[1])) {
    const k = columns.indexOf(m[1]), num = Number(m[3]);
    const test = { '<': (a, b) => a < b, '>': (a, b) => a > b, '<=': (a, b) => a <= b, '>=': (a, b) => a >= b, '=': (a, b) => a == b, '!=': (a, b) => a != b }[m[2]];
    rows = rows.filter(row => test(row.cells[k], Number.isNaN(num) ? m[3] : num));
  } else if (filter) rows = rows.filter(row => row.cells.some(c => c != null && String(c).includes(filter)));
  if (state.tableSort) {
    const { k, dir } = state.tableSort;
    rows.sort((a, b) => { const x = a.cells[k], y = b.cells[k]; return (x == null) - (y == null) || (x < y ? -dir : x > y ? dir : 0); });
  }
  const head = $('features').tHead; head.innerHTML = '';
  const hr = head.insertRow();
  columns.forEach((c, k) => { const th = el('th'); th.textContent = c + (state.tableSort && state.tableSort.k === k ? (state.tableSort.dir > 0 ? ' ▲' : ' ▼') : ''); th.onclick = () => { state.tableSort = { k, dir: state.tableSort && state.tableSort.k === k ? -state.tableSort.dir : 1 }; renderTable(false); }; hr.append(th); });
  let start = 0;
  if (scrollToSelection && state.selected.size) { const at = rows.findIndex(row => state.selected.has(`${row.m}:${row.r}`)); if (at >= TABLE_WINDOW) start = at - TABLE_WINDOW / 2; }
  const body = $('features').tBodies[0]; body.innerHTML = '';
  for (const row of rows.slice(start, start + TABLE_WINDOW)) {
    const tr = body.insertRow(), key = `${row.m}:${row.r}`;
    tr.dataset.member = row.m; tr.dataset.row = row.r;
    if (state.selected.has(key)) tr.className = 'selected';
    for (const c of row.cells) tr.insertCell().textContent = format(c);
    tr.onclick = e => { if (row.m !== state.current) setCurrent(row.m); select([key], e.shiftKey); };
  }
  $('table-count').textContent = `${rows.length} row(s)` + (rows.length > TABLE_WINDOW ? `, showing ${start + 1}–${Math.min(rows.length, start + TABLE_WINDOW)}` : '');
  if (scrollToSelection) { const tr = body.querySelector('tr.selected'); if (tr) tr.scrollIntoView({ block: 'nearest' }); }
}

// ---------- threshold widget ----------
function numericColumns() {
  const t = state.tables[tableMembers()[0]];
  return t.columns.filter(c => c.kind !== 'text' && c.name !== 'index' && c.name !== 'category_id').map(c => c.name);
}
function columnValues(name) {
  const values = [];
  for (const m of tableMembers()) { const t = state.tables[m], k = t.columns.findIndex(c => c.name === name); if (k >= 0) for (const row of t.rows) if (row[k] != null) values.push(row[k]); }
  return values;
}

const hist = { bins: 40, min: 0, max: 1, counts: [] };
function drawHistogram() {
  const c = $('histogram'), g = c.getContext('2d'), values = columnValues($('th-column').value);
  g.clearRect(0, 0, c.width, c.height);
  if (!values.length) return;
  hist.min = Math.min(...values); hist.max = Math.max(...values);
  const span = hist.max - hist.min || 1; hist.counts = new Array(hist.bins).fill(0);
  for (const v of values) hist.counts[Math.min(hist.bins - 1, Math.floor((v - hist.min) / span * hist.bins))]++;
  const top = Math.max(...hist.counts), bw = c.width / hist.bins;
  const sorted = [...state.thresholds].sort((a, b) => a - b);
  hist.counts.forEach((n, i) => {
    const centre = hist.min + (i + 0.5) * span / hist.bins;
    const category = sorted.filter(t => centre >= t).length + 1;
    g.fillStyle = state.thresholds.length ? `rgb(${tabColor(category, state.thresholds.length + 1)})` : '#889';
    g.fillRect(i * bw + 1, c.height - 14 - n / top * (c.height - 20), bw - 2, n / top * (c.height - 20));
  });
  g.fillStyle = '#aaa'; g.font = '10px sans-serif';
  g.fillText(format(hist.min), 2, c.height - 2); g.fillText(format(hist.max), c.width - 50, c.height - 2);
  g.strokeStyle = 'red'; g.lineWidth = 2;
  for (const t of state.thresholds) { const x = xOfValue(t); g.beginPath(); g.moveTo(x, 0); g.lineTo(x, c.height - 14); g.stroke(); }
}
function xOfValue(v) { return (v - hist.min) / ((hist.max - hist.min) || 1) * $('histogram').width; }
function valueOfX(x) { return hist.min + x / $('histogram').width * (hist.max - hist.min); }

function renderThresholdInputs() {
  const n = +$('th-count').value, values = $('th-values'), names = $('th-names');
  while (state.thresholds.length < n - 1) state.thresholds.push(hist.max);
  state.thresholds.length = n - 1;
  while (state.categoryNames.length < n) state.categoryNames.push(`category_${state.categoryNames.length + 1}`);
  state.categoryNames.length = n;
  values.innerHTML = ''; names.innerHTML = '';
  state.thresholds.forEach((t, i) => values.append(number(`Threshold ${i + 1}`, +format(t), v => { state.thresholds[i] = v; applyThresholds(); }, `th-value-${i}`)));
  state.categoryNames.forEach((name, i) => {
    const input = el('input'); input.value = name; input.id = `th-name-${i}`;
    input.onchange = () => { state.categoryNames[i] = input.value; applyThresholds(); };
    const [r, g, b] = tabColor(i + 1, n); const sw = el('span', 'swatch'); sw.style.background = `rgb(${r},${g},${b})`;
    const l = el('label'); l.append(sw, `Name ${i + 1} `, input); names.append(l);
  });
  drawHistogram();
}

let applying = false, applyAgain = false;
async function applyThresholds() {
  if (applying) { applyAgain = true; return; }
  applying = true;
  await run('th-report', '/api/threshold/apply', { target: target(), column: $('th-column').value, thresholds: state.thresholds, names: state.categoryNames });
  applying = false;
  setColorBy('category');
  if (applyAgain) { applyAgain = false; applyThresholds(); }
}

(function histogramDragging() {
  const c = $('histogram'); let dragging = -1;
  c.addEventListener('mousedown', e => {
    let best = 8; dragging = -1;
    state.thresholds.forEach((t, i) => { const d = Math.abs(xOfValue(t) - e.offsetX); if (d < best) { best = d; dragging = i; } });
  });
  c.addEventListener('mousemove', e => {
    c.style.cursor = state.thresholds.some(t => Math.abs(xOfValue(t) - e.offsetX) < 8) ? 'ew-resize' : '';
    if (dragging < 0) return;
    state.thresholds[dragging] = valueOfX(Math.max(0, Math.min(c.width, e.offsetX)));
    const input = $(`th-value-${dragging}`); if (input) input.value = format(state.thresholds[dragging]);
    drawHistogram(); applyThresholds();
  });
  window.addEventListener('mouseup', () => { dragging = -1; });
})();

// ---------- clustering widget ----------
const scatter = { points: [], lasso: null };
function drawScatter() {
  const c = $('scatter'), g = c.getContext('2d');
  g.clearRect(0, 0, c.width, c.height);
  scatter.points = [];
  if (!state.viewer) return;
  const all = [];
  for (const m of tableMembers()) { const v = state.viewer.members[m]; if (v.embedding) v.embedding.forEach((p, r) => { if (p[0] != null) all.push({ m, r, x: p[0], y: p[1], cluster: v.clusterId[r] }); }); }
  if (!all.length) return;
  const xs = all.map(p => p.x), ys = all.map(p => p.y), minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
  const count = Math.max(0, ...all.map(p => p.cluster || 0));
  for (const p of all) {
    p.sx = 10 + (p.x - minX) / ((maxX - minX) || 1) * (c.width - 20); p.sy = c.height - 10 - (p.y - minY) / ((maxY - minY) || 1) * (c.height - 20);
    const selected = state.selected.has(`${p.m}:${p.r}`);
    g.fillStyle = selected ? '#fff' : p.cluster > 0 ? `rgb(${tabColor(p.cluster, count)})` : '#777';
    g.beginPath(); g.arc(p.sx, p.sy, selected ? 4 : 2.5, 0, 2 * Math.PI); g.fill();
  }
  scatter.points = all;
  if (scatter.lasso) { g.strokeStyle = '#fff'; g.beginPath(); scatter.lasso.forEach(([x, y], i) => i ? g.lineTo(x, y) : g.moveTo(x, y)); g.stroke(); }
}
(function scatterSelection() {
  const c = $('scatter');
  c.addEventListener('mousedown', e => { scatter.lasso = [[e.offsetX, e.offsetY]]; });
  c.addEventListener('mousemove', e => { if (scatter.lasso) { scatter.lasso.push([e.offsetX, e.offsetY]); drawScatter(); } });
  c.addEventListener('mouseup', e => {
    const lasso = scatter.lasso; scatter.lasso = null;
    if (!lasso) return;
    let keys;
    if (lasso.length < 4) {
      let best = null, bestD = 64;
      for (const p of scatter.points) { const d = (p.sx - e.offsetX) ** 2 + (p.sy - e.offsetY) ** 2; if (d < bestD) { bestD = d; best = p; } }
      keys = best ? [`${best.m}:${best.r}`] : [];
    } else keys = scatter.points.filter(p => inside(p.sx, p.sy, lasso)).map(p => `${p.m}:${p.r}`);
    select(keys, e.shiftKey);
  });
})();
function inside(x, y, polygon) {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i], [xj, yj] = polygon[j];
    if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

// ---------- classification widget ----------
function renderClassNames() {
  const body = $('class-names').tBodies[0]; body.innerHTML = '';
  for (const { id, name } of (state.viewer && state.viewer.classNames) || []) {
    const tr = body.insertRow(), [r, g, b] = tabColor(id, 10);
    tr.insertCell().innerHTML = `<span class="swatch" style="background:rgb(${r},${g},${b})"></span>${id}`;
    const input = el('input'); input.value = name; input.id = `class-name-${id}`;
    input.onchange = async () => { await run('cls-report', '/api/class-name', { id, name: input.value }); if (state.viewer.modelReady) await run('cls-report', '/api/classify', classifierBody()); };
    tr.insertCell().append(input);
  }
}

// ---------- colocalization widget ----------
const coloc = { data: null, key: null };

/** Asks the core for the cytofluorogram of the one selected object when the widget is shown. */
async function updateColocalization() {
  if (!$('panel-colocalization').classList.contains('active')) return;
  const info = state.session.members[state.current];
  if (info.channels.length < 2) { coloc.data = null; drawColocalization(); report('co-report', 'this image has fewer than two channels'); return; }
  const keys = [...state.selected];
  if (keys.length !== 1) { coloc.data = null; drawColocalization(); report('co-report', 'select one object'); return; }
  const [m, r] = keys[0].split(':').map(Number), table = state.tables[m];
  const body = { member: m, id: table.rows[r][table.indexColumn], channelA: +$('co-a').value, channelB: +$('co-b').value, method: $('co-method').value };
  const key = JSON.stringify(body);
  if (key === coloc.key) return;
  coloc.key = key;
  try {
    const { data } = await api('/api/colocalization', body);
    if (coloc.key !== key) return;
    coloc.data = data;
    report('co-report', summary({ object: data.id, pixels: data.pixels, slope: data.slope, intercept: data.intercept, thresholdA: data.thresholdA, thresholdB: data.thresholdB }));
  } catch (e) { coloc.data = null; report('co-report', e.message, true); }
  drawColocalization();
}

function drawColocalization() {
  const c = $('coloc'), g = c.getContext('2d'), d = coloc.data;
  g.clearRect(0, 0, c.width, c.height);
  if (!d || !d.a.length) return;
  const maxA = Math.max(...d.a) || 1, maxB = Math.max(...d.b) || 1, pad = 10;
  const sx = a => pad + a / maxA * (c.width - 2 * pad), sy = b => c.height - pad - b / maxB * (c.height - 2 * pad);
  g.fillStyle = '#50c8ff';
  d.a.forEach((a, i) => g.fillRect(sx(a) - 1, sy(d.b[i]) - 1, 3, 3));
  g.lineWidth = 1;
  if (d.thresholdA != null) { g.strokeStyle = '#f0c040'; g.beginPath(); g.moveTo(sx(d.thresholdA), 0); g.lineTo(sx(d.thresholdA), c.height); g.stroke(); }
  if (d.thresholdB != null) { g.strokeStyle = '#f0c040'; g.beginPath(); g.moveTo(0, sy(d.thresholdB)); g.lineTo(c.width, sy(d.thresholdB)); g.stroke(); }
  if (d.slope != null) { g.strokeStyle = '#f66'; g.beginPath(); g.moveTo(sx(0), sy(d.intercept)); g.lineTo(sx(maxA), sy(d.intercept + d.slope * maxA)); g.stroke(); }
}

// ---------- start ----------
async function start() {
  // Tiles need only the session: the first view is drawn while the table and state load.
  const tablePromise = Promise.all([api('/api/table'), api('/api/state')]);
  const { data: session } = await api('/api/session');
  state.session = session;
  state.tables = session.members.map(() => ({ columns: [], rows: [], indexColumn: -1, rowById: new Map() }));
  state.grid = session.grid && session.members.length > 1;
  state.layers.channels = session.members[0].channels.map((c, i, all) => {
    const colormap = all.length === 1 ? 'gray' : ['green', 'magenta', 'cyan', 'yellow', 'red', 'blue'][i % 6];
    return { visible: true, colormap, rgb: COLORMAPS[colormap], min: c.min, max: c.max, gamma: 1 };
  });
  resize(); setupZ(); fitView(); scheduleDraw();
  const [{ data: table }, { data: viewer }] = await tablePromise;
  state.tables = table.members.map(t => {
    const indexColumn = t.columns.findIndex(c => c.name === 'index'), rowById = new Map();
    t.rows.forEach((row, r) => rowById.set(row[indexColumn], r));
    return { ...t, indexColumn, rowById };
  });
  $('grid').checked = state.grid; $('grid').disabled = session.members.length < 2;
  for (const m of session.members) { const o = el('option'); o.value = m.index; o.textContent = m.name; $('member').append(o); }
  for (const name of numericColumns()) { const o = el('option'); o.value = o.textContent = name; $('th-column').append(o); }
  renderLayers(); applyState(viewer); renderThresholdInputs();

  session.members[0].channels.forEach((_, c) => ['co-a', 'co-b'].forEach(id => { const o = el('option'); o.value = c; o.textContent = `channel ${c}`; $(id).append(o); }));
  if (session.members[0].channels.length > 1) $('co-b').value = 1;
  ['co-a', 'co-b', 'co-method'].forEach(id => $(id).onchange = updateColocalization);
  $('member').onchange = () => setCurrent(+$('member').value);
  $('grid').onchange = () => { state.grid = $('grid').checked; fitView(); invalidate(); };
  $('z').oninput = () => { state.z = +$('z').value; $('z-value').textContent = state.z; invalidate(); };
  $('table-filter').oninput = () => { state.tableFilter = $('table-filter').value; renderTable(false); };
  $('th-column').onchange = () => { state.thresholds = []; renderThresholdInputs(); };
  $('th-count').onchange = () => renderThresholdInputs();
  $('th-suggest').onclick = async () => {
    try {
      const { data } = await api('/api/threshold/suggest', { target: target(), column: $('th-column').value, categories: +$('th-count').value, method: $('th-method').value });
      state.thresholds = data.thresholds; renderThresholdInputs(); applyThresholds();
    } catch (e) { report('th-report', e.message, true); }
  };
  $('emb-run').onclick = () => run('cl-report', '/api/embed', { target: target(), method: $('emb-method').value });
  $('cl-run').onclick = async () => {
    await run('cl-report', '/api/cluster', { target: target(), method: $('cl-method').value, nClusters: +$('cl-n').value, eps: +$('cl-eps').value,
      minSamples: +$('cl-min-samples').value, minClusterSize: +$('cl-min-size').value, bandwidth: +$('cl-bandwidth').value });
    if (!state.viewer.members.some(v => v.embedding)) await run('cl-report', '/api/embed', { target: target(), method: $('emb-method').value });
    setColorBy('cluster');
  };
  $('cls-run').onclick = async () => { await run('cls-report', '/api/classify', classifierBody()); setColorBy('classification'); };
  $('cls-save').href = `/api/classifier.json?token=${encodeURIComponent(token)}`;
  document.querySelectorAll('#tabs button').forEach(b => b.onclick = () => {
    document.querySelectorAll('#tabs button, .panel').forEach(x => x.classList.remove('active'));
    b.classList.add('active'); $(`panel-${b.dataset.tab}`).classList.add('active');
    if (b.dataset.tab === 'table') renderTable(true);
    if (b.dataset.tab === 'threshold') drawHistogram();
    if (b.dataset.tab === 'clustering') drawScatter();
    if (b.dataset.tab === 'colocalization') updateColocalization();
  });
  $('done').onclick = async () => {
    await api('/api/done', {});
    document.body.innerHTML = '<p style="padding:2em">Done: the results went back to the caller. You can close this tab.</p>';
    document.body.dataset.done = '1';
  };
  window.addEventListener('resize', () => { resize(); scheduleDraw(); });
  // For scripted use (the browser tests): geometry, and whether every request has been answered.
  Object.assign(window.segViewer, { imageToScreen, labelAt, fitView, setCurrent, select, xOfValue,
    loaded: true,
    idle: () => inflight === 0 && queuedStrokes === 0 && !applying && !applyAgain && pending.size === 0 && !drawQueued });
  scheduleDraw();
}

start().catch(e => { $('status').textContent = `error: ${e.message}`; });
