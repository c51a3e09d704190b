extension PageAssets {
    /// The page's script (`/explorer.js`): controls → `/api/view` → charts, state in the URL.
    static let script = #"""
// Gradscope explorer: reads the controls, asks /api/view for the charts and numbers, and keeps the view in the URL.
"use strict";

const defaults = { activation: "tanh", weight: "8", bias: "0", depth: "3", precision: "float64", overflow: "nonfinite", x: "-1:1", points: "1000", at: "0.5", formula: "", figure: "" };
const keys = Object.keys(defaults);
let state = { ...defaults };
let figures = [];
let inFlight = null;
/**
 * The cliff panel's state: the descents' start "w,b" (empty: none), the clipping threshold, η, the colours,
 * and the model — activation φ, the (w, b) window, T, x₀ and the target (in the page's URL as s.NAME).
 */
const surfaceDefaults = { start: "", clip: "1", lr: "1", surface: "loss", "s.activation": "sigmoid", "s.w": "2:14", "s.b": "-10:2", "s.steps": "50", "s.x0": "0.5", "s.target": "0.7" };
const surfaceKeys = Object.keys(surfaceDefaults);
let surfaceState = { ...surfaceDefaults };
let surfaceInFlight = null;
/** The (w, b) window of the surface: clicks are clamped into it. */
const surfaceWindow = () => ({ w: surfaceState["s.w"].split(":").map(Number), b: surfaceState["s.b"].split(":").map(Number) });
/** The model controls: element id → state key. */
const surfaceModelControls = { "surface-activation": "s.activation", "surface-steps": "s.steps", "surface-x0": "s.x0", "surface-target": "s.target" };

/** Measurements the end-to-end test reads: input-to-redraw times in ms (performance.now()). */
const gradscope = window.gradscope = { surfaceRedraws: 0, redraws: 0, lastRedrawMs: null, lastFrameMs: null, lastServerMs: null, lastError: null, ready: false };

const $ = (id) => document.getElementById(id);
const formatNames = { float16: "Float16", bfloat16: "BFloat16", float32: "Float32", float64: "Float64", float8_e4m3fn: "float8_e4m3fn", float8_e5m2: "float8_e5m2", float6_e3m2fn: "float6_e3m2fn", float6_e2m3fn: "float6_e2m3fn", float4_e2m1fn: "float4_e2m1fn" };
const maxDepth = 1000;
/** The depth slider is logarithmic: position 0…1000 ↦ depth 1…1000. */
const depthFromSlider = (s) => Math.max(1, Math.min(maxDepth, Math.round(Math.exp(s / 1000 * Math.log(maxDepth)))));
const sliderFromDepth = (d) => Math.round(1000 * Math.log(Math.max(1, d)) / Math.log(maxDepth));

/** Numbers as people read them: exact integers, otherwise four significant digits. */
function format(v) {
  if (typeof v === "string") return v === "Infinity" ? "Inf" : v === "-Infinity" ? "-Inf" : v;
  if (v === null || v === undefined) return "–";
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(3).replace(/\.?0+e/, "e");
  return String(Number(v.toPrecision(4)));
}

function readURL() {
  const params = new URLSearchParams(location.search);
  for (const k of keys) if (params.has(k)) state[k] = params.get(k);
  for (const k of surfaceKeys) if (params.has(k)) surfaceState[k] = params.get(k);
}

function writeControls() {
  const [from, to] = state.x.split(":");
  $("activation").value = state.activation;
  $("weight").value = state.weight; $("weight-range").value = state.weight;
  const half = state.bias.replace(/\s/g, "") === "-w/2";
  $("bias-half").checked = half;
  $("bias").disabled = half; $("bias-range").disabled = half;
  if (!half) { $("bias").value = state.bias; $("bias-range").value = state.bias; }
  $("depth").value = state.depth; $("depth-range").value = sliderFromDepth(Number(state.depth));
  $("precision").value = state.precision;
  $("overflow").value = state.overflow;
  $("x-from").value = from ?? "-1"; $("x-to").value = to ?? "1";
  $("points").value = state.points;
  $("at").value = state.at;
  $("formula").value = state.formula;
  $("figure").value = state.figure;
  showCaption();
}

/** Copies one control into the state; sliders and number boxes mirror each other. */
function readControl(id) {
  switch (id) {
    case "weight-range": $("weight").value = $("weight-range").value; break;
    case "weight": $("weight-range").value = $("weight").value; break;
    case "bias-range": $("bias").value = $("bias-range").value; break;
    case "bias": $("bias-range").value = $("bias").value; break;
    case "depth-range": $("depth").value = depthFromSlider(Number($("depth-range").value)); break;
    case "depth": $("depth-range").value = sliderFromDepth(Number($("depth").value)); break;
  }
  const half = $("bias-half").checked;
  $("bias").disabled = half; $("bias-range").disabled = half;
  state.activation = $("activation").value;
  state.weight = $("weight").value;
  state.bias = half ? "-w/2" : $("bias").value;
  state.depth = $("depth").value;
  state.precision = $("precision").value;
  state.overflow = $("overflow").value;
  state.x = `${$("x-from").value}:${$("x-to").value}`;
  state.points = $("points").value;
  state.at = $("at").value;
  state.formula = $("formula").value;
}

/** The API query: every control but the figure, the formula only when there is one. */
function apiQuery(extra = {}) {
  const params = new URLSearchParams();
  for (const k of keys) {
    if (k === "figure" || (k === "formula" && state.formula.trim() === "")) continue;
    if (k === "overflow" && state.overflow === defaults.overflow) continue;
    params.set(k, state[k]);
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

function pageQuery() {
  const params = new URLSearchParams(apiQuery());
  if (state.figure) params.set("figure", state.figure);
  for (const k of surfaceKeys) if (surfaceState[k] !== surfaceDefaults[k]) params.set(k, surfaceState[k]);
  return params.toString();
}

function showCaption() {
  const figure = figures.find((f) => f.id === state.figure);
  const caption = $("figure-caption");
  caption.hidden = !figure;
  if (figure) caption.textContent = `${figure.system}: ${figure.caption}${figure.note ? " — " + figure.note : ""}`;
}

function showError(error) {
  const formulaError = $("formula-error"), general = $("error");
  formulaError.hidden = true; general.hidden = true;
  $("results").classList.toggle("stale", Boolean(error));
  gradscope.lastError = error ? error.error : null;
  if (!error) return;
  if ((error.parameter === "formula" || error.parameter === "first") && error.column) {
    const text = error.parameter === "formula" ? state.formula : "";
    formulaError.textContent = `${error.error}\n${text}\n${" ".repeat(error.column - 1)}^`;
    formulaError.hidden = false;
  } else if (error.parameter === "formula" || error.parameter?.startsWith("param.")) {
    formulaError.textContent = error.error;
    formulaError.hidden = false;
  } else {
    general.textContent = error.error;
    general.hidden = false;
  }
}

function links(id, items) {
  $(id).replaceChildren(...items.map(([label, href]) => {
    const a = document.createElement("a");
    a.textContent = label; a.href = href; a.download = "";
    return a;
  }));
}

function render(view) {
  $("chart-values").innerHTML = view.charts.values;
  $("chart-slopes").innerHTML = view.charts.slopes;
  $("chart-layers").innerHTML = view.charts.layers;
  const deepest = view.numbers[view.numbers.length - 1];
  $("deepest-depth").textContent = deepest.depth;
  $("max-slope").textContent = format(deepest.maxSlope);
  $("max-slope-at").textContent = format(deepest.maxSlopeAt);
  $("depth-table").tBodies[0].replaceChildren(...view.numbers.map((n) => {
    const row = document.createElement("tr");
    for (const v of [n.depth, n.maxSlope, n.maxSlopeAt, n.minY, n.maxY, n.nonFinite]) {
      const cell = document.createElement("td"); cell.textContent = format(v); row.append(cell);
    }
    return row;
  }));
  $("formats").textContent = view.formats
    ? `At x = ${format(view.input)}, |dy/dx| overflows ` + view.formats.map((f) =>
        `${formatNames[f.precision]} ${f.overflowDepth ? "at depth " + f.overflowDepth : "never"}${f.underflowDepth ? " (underflows at " + f.underflowDepth + ")" : ""}`).join(", ") + " (up to depth 1000)."
    : "";
  $("depth-note").textContent = `Drawn: ${view.depthNote}. Formula per layer: ${view.formula}${view.firstLayer ? " (layer 1: " + view.firstLayer + ")" : ""}.`;
  const q = apiQuery();
  links("dl-values", [["SVG", `/api/curves.svg?chart=values&${q}`], ["CSV", `/api/curves.csv?${q}`], ["JSON", `/api/curves?${q}`]]);
  links("dl-slopes", [["SVG", `/api/curves.svg?chart=slopes&${q}`], ["CSV", `/api/curves.csv?${q}`], ["JSON", `/api/curves?${q}`]]);
  links("dl-layers", [["SVG", `/api/view/layers.svg?${q}`], ["CSV", `/api/view/layers.csv?${q}`]]);
}

/** Fetches and draws the current state; a newer input aborts the request in flight. */
async function update(inputTime = performance.now()) {
  writeURL();
  if (inFlight) inFlight.abort();
  const controller = new AbortController();
  inFlight = controller;
  try {
    const response = await fetch(`/api/view?${apiQuery()}`, { signal: controller.signal });
    const body = await response.json();
    if (controller !== inFlight) return;
    if (!response.ok) { showError(body); return; }
    render(body);
    showError(null);
    const drawn = performance.now();
    gradscope.lastRedrawMs = drawn - inputTime;
    gradscope.lastServerMs = body.computeMilliseconds;
    requestAnimationFrame(() => {
      gradscope.lastFrameMs = performance.now() - inputTime;
      gradscope.redraws += 1;
      $("timing").textContent = `Redrawn ${gradscope.lastRedrawMs.toFixed(1)} ms after the input (server ${body.computeMilliseconds.toFixed(1)} ms).`;
    });
  } catch (error) {
    if (error.name !== "AbortError") showError({ error: `The server did not answer: ${error.message}` });
  } finally {
    if (inFlight === controller) inFlight = null;
  }
}

/** The surface's query: the model (activation, w, b, steps, x0, target), start (if any), clip and lr. */
function surfaceQuery() {
  const params = new URLSearchParams();
  for (const k of ["activation", "w", "b", "steps", "x0", "target"]) params.set(k, surfaceState[`s.${k}`]);
  params.set("clip", surfaceState.clip); params.set("lr", surfaceState.lr);
  if (surfaceState.start) params.set("start", surfaceState.start);
  return params.toString();
}

/** The cliff's controls from the state (on load), and the caption. */
function writeSurfaceControls() {
  for (const [id, key] of Object.entries(surfaceModelControls)) $(id).value = surfaceState[key];
  const [wFrom, wTo] = surfaceState["s.w"].split(":"), [bFrom, bTo] = surfaceState["s.b"].split(":");
  $("surface-w-from").value = wFrom; $("surface-w-to").value = wTo; $("surface-b-from").value = bFrom; $("surface-b-to").value = bTo;
  $("clip").value = surfaceState.clip; $("lr").value = surfaceState.lr; $("surface-chart").value = surfaceState.surface;
  writeSurfaceCaption();
}

/** The caption's φ and T. */
function writeSurfaceCaption() {
  $("surface-phi").textContent = surfaceState["s.activation"] === "tanh" ? "tanh" : "σ";
  $("surface-steps-text").textContent = `${surfaceState["s.steps"]} step${surfaceState["s.steps"] === "1" ? "" : "s"}`;
}

function writeURL() {
  const query = pageQuery();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
  $("share").href = location.href;
}

/** Fetches the surface SVG (with both descents when a start is set) into the cliff panel. */
async function updateSurface() {
  writeURL();
  if (surfaceInFlight) surfaceInFlight.abort();
  const controller = new AbortController();
  surfaceInFlight = controller;
  const q = surfaceQuery(), error = $("surface-error");
  try {
    const response = await fetch(`/api/surface.svg?chart=${surfaceState.surface}&${q}`, { signal: controller.signal });
    if (controller !== surfaceInFlight) return;
    if (!response.ok) {
      error.textContent = (await response.json()).error; error.hidden = false;
      gradscope.lastError = error.textContent;
      return;
    }
    $("chart-surface").innerHTML = await response.text();
    error.hidden = true;
    $("surface-start").textContent = surfaceState.start ? `Start (w, b) = (${surfaceState.start.replace(",", ", ")}).` : "";
    links("dl-surface", [["SVG", `/api/surface.svg?chart=${surfaceState.surface}&${q}`], ["CSV", `/api/surface.csv?${q}`], ["JSON", `/api/surface?${q}`]]);
    gradscope.surfaceRedraws += 1;
  } catch (e) {
    if (e.name !== "AbortError") { error.textContent = `The server did not answer: ${e.message}`; error.hidden = false; }
  } finally {
    if (surfaceInFlight === controller) surfaceInFlight = null;
  }
}

/** Maps a click on the surface SVG to (w, b) with the plot area the SVG's root carries (data-plot-*, data-w/b-from/to). */
function surfacePoint(event) {
  const svg = $("chart-surface").querySelector("svg");
  if (!svg) return null;
  const box = svg.getBoundingClientRect(), view = svg.viewBox.baseVal, d = svg.dataset;
  const px = (event.clientX - box.left) * view.width / box.width, py = (event.clientY - box.top) * view.height / box.height;
  const fx = (px - Number(d.plotLeft)) / Number(d.plotWidth), fy = (py - Number(d.plotTop)) / Number(d.plotHeight);
  if (!(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1)) return null;
  const clamp = (v, [lo, hi]) => Math.min(hi, Math.max(lo, v));
  const area = surfaceWindow();
  const w = clamp(Number(d.wFrom) + fx * (Number(d.wTo) - Number(d.wFrom)), area.w);
  const b = clamp(Number(d.bTo) - fy * (Number(d.bTo) - Number(d.bFrom)), area.b);
  return { w: Math.round(w * 1000) / 1000, b: Math.round(b * 1000) / 1000 };
}

function onSurfaceClick(event) {
  const point = surfacePoint(event);
  if (!point) return;
  surfaceState.start = `${point.w},${point.b}`;
  updateSurface();
}

/** Reads every cliff control; a start outside a new window is dropped (the server would refuse it). */
function onSurfaceInput() {
  surfaceState.clip = $("clip").value;
  surfaceState.lr = $("lr").value;
  surfaceState.surface = $("surface-chart").value;
  for (const [id, key] of Object.entries(surfaceModelControls)) surfaceState[key] = $(id).value;
  surfaceState["s.w"] = `${$("surface-w-from").value}:${$("surface-w-to").value}`;
  surfaceState["s.b"] = `${$("surface-b-from").value}:${$("surface-b-to").value}`;
  if (surfaceState.start) {
    const [w, b] = surfaceState.start.split(",").map(Number), area = surfaceWindow();
    if (!(w >= area.w[0] && w <= area.w[1] && b >= area.b[0] && b <= area.b[1])) surfaceState.start = "";
  }
  writeSurfaceCaption();
  updateSurface();
}

function onInput(event) {
  readControl(event.target.id);
  if (event.target.id !== "figure") { state.figure = ""; $("figure").value = ""; showCaption(); }
  update(event.timeStamp || performance.now());
}

async function loadFigures() {
  const response = await fetch("/api/figures");
  figures = (await response.json()).figures;
  $("figure").append(...figures.map((f) => new Option(`${f.system}: ${f.title}`, f.id)));
}

function pickFigure(event) {
  const figure = figures.find((f) => f.id === $("figure").value);
  state = figure ? { ...defaults, ...figure.query, figure: figure.id } : { ...state, figure: "" };
  writeControls();
  update(event.timeStamp || performance.now());
}

async function start() {
  readURL();
  try { await loadFigures(); } catch { /* the picker stays empty; the rest works */ }
  writeControls();
  for (const element of document.querySelectorAll("#controls input, #controls select")) {
    if (element.id === "figure") continue;
    // A <select> reports a choice with "change" (a script or a driver that sets it fires only that).
    element.addEventListener(element.tagName === "SELECT" ? "change" : "input", onInput);
  }
  $("figure").addEventListener("change", pickFigure);
  writeSurfaceControls();
  for (const id of ["clip", "lr", "surface-chart", "surface-w-from", "surface-w-to", "surface-b-from", "surface-b-to", ...Object.keys(surfaceModelControls)]) {
    $(id).addEventListener("input", onSurfaceInput);
  }
  $("surface-activation").addEventListener("change", onSurfaceInput);
  $("chart-surface").addEventListener("click", onSurfaceClick);
  await Promise.all([update(), updateSurface()]);
  gradscope.ready = true;
}

start();
"""#
}
