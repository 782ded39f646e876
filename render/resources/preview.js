// The viewer of `easyread serve` (render/page/preview.py): shows the built
// page in a frame, marks each sentence `check` found hard, lists the
// findings and scores beside it, and rebuilds the view on each "build"
// event. It talks only to the preview server that sent it.
"use strict";

const name = document.body.dataset.name;
const frame = document.getElementById("page");
const errors = document.getElementById("errors");
const statusLine = document.getElementById("status");
let shown = null;

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

async function refresh() {
  const answer = await fetch(`/state/${encodeURIComponent(name)}`, { cache: "no-store" });
  const state = await answer.json();
  if (state.version === shown) return;
  shown = state.version;
  document.body.dataset.version = String(state.version);
  showErrors(state);
  showReport(state.report);
  if (state.ok) reloadPage(state);
  statusLine.textContent = state.ok
    ? `built at ${state.built_at}`
    : `cannot build (${state.errors.length} ${state.errors.length === 1 ? "error" : "errors"}) at ${state.built_at}`;
  document.body.dataset.ok = String(state.ok);
}

function showErrors(state) {
  const list = errors.querySelector("ul");
  list.replaceChildren(...state.errors.map((line) => element("li", line)));
  errors.hidden = state.ok;
  frame.hidden = !state.ok;
}

function reloadPage(state) {
  let y = 0;
  try {
    y = frame.contentWindow ? frame.contentWindow.scrollY : 0;
  } catch (e) {
    y = 0;
  }
  frame.onload = () => {
    frame.contentWindow.scrollTo(0, y);
    markPage(state.report);
    document.body.dataset.shown = String(state.version);
  };
  frame.src = `/page/${encodeURIComponent(name)}?v=${state.version}`;
}

function showReport(report) {
  const scores = document.getElementById("scores");
  const list = document.getElementById("list");
  scores.replaceChildren();
  list.replaceChildren();
  if (!report) return;
  const verdict = element("p", `${report.passed ? "Meets" : "Misses"} ${report.about}`,
    report.passed ? "verdict met" : "verdict missed");
  const table = element("table");
  const head = element("tr");
  for (const title of ["", "value", "target"]) head.append(element("th", title));
  table.append(head);
  for (const m of report.measures) {
    const row = element("tr", undefined, m.met === false ? "missed" : "");
    row.append(element("th", m.label));
    row.append(element("td", String(m.value)));
    const limit = m.limit === null ? "" : `${m.at_most ? "at most" : "at least"} ${m.limit}`;
    row.append(element("td", m.met === null ? limit : `${limit} ${m.met ? "ok" : "missed"}`));
    table.append(row);
  }
  scores.append(verdict, table);
  report.findings.forEach((f, i) => {
    const item = element("li", undefined, `finding ${f.severity}`);
    item.id = `finding-${i}`;
    const where = f.line ? `line ${f.line}` : "";
    item.append(element("span", `${f.severity} · ${f.rule} ${where}`, "rule"));
    if (f.text) item.append(element("q", f.text));
    item.append(element("p", f.message));
    if (f.suggestion) item.append(element("p", `Try: ${f.suggestion}`, "suggestion"));
    item.tabIndex = 0;
    item.addEventListener("click", () => reveal(i));
    list.append(item);
  });
}

// The text of an element with white space squeezed, and where each character came from.
function textMap(root) {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let text = "";
  const from = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      const space = /\s/.test(node.data[i]);
      if (space && (text === "" || text.endsWith(" "))) continue;
      text += space ? " " : node.data[i];
      from.push([node, i]);
    }
  }
  return { text, from };
}

function squeeze(text) {
  return text.replace(/\*\*/g, "").replace(/\s+/g, " ").trim();
}

// A finding about one word: its message starts with the word in quotes.
function wordOf(finding) {
  const quoted = /^'([^']+)'/.exec(finding.message);
  return quoted ? quoted[1] : null;
}

function rangeAt(doc, map, at, length) {
  const range = doc.createRange();
  const [startNode, startOffset] = map.from[at];
  const [endNode, endOffset] = map.from[at + length - 1];
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset + 1);
  return range;
}

// Each block (a point, a heading) with a finding gets an outline, its hard
// sentence and words highlighted, and one note: a line for each finding
// about the sentence, and one line for its hard words.
function markPage(report) {
  const doc = frame.contentDocument;
  if (!doc || !report) return;
  const link = doc.createElement("link");
  link.rel = "stylesheet";
  link.href = "/_preview/preview-marks.css";
  doc.head.append(link);
  const ranges = { error: [], warning: [], note: [], word: [] };
  const blocks = [...doc.body.querySelectorAll("h1, h2, h3, p, li, dt, dd, td, th, figcaption")];
  const marked = new Map();
  report.findings.forEach((f, i) => {
    if (!f.text) return;
    const sentence = squeeze(f.text);
    const block = blocks
      .filter((b) => squeeze(b.textContent).includes(sentence))
      .sort((a, b) => a.textContent.length - b.textContent.length)[0];
    if (!block) return;
    if (!marked.has(block)) marked.set(block, { map: textMap(block), lines: [], words: new Map() });
    const mark = marked.get(block);
    block.classList.add("er-marked", `er-is-${f.severity}`);
    block.dataset.erFindings = `${block.dataset.erFindings || ""} ${i}`.trim();
    const at = mark.map.text.indexOf(sentence);
    const word = wordOf(f);
    if (word) {
      const plainer = /^write (.+)$/.exec(f.suggestion || "");
      if (plainer || !mark.words.has(word)) {
        mark.words.set(word, plainer ? `${word} (write ${plainer[1]})` : word);
      }
      const inside = at >= 0 ? mark.map.text.indexOf(word, at) : -1;
      if (inside >= 0) ranges.word.push(rangeAt(doc, mark.map, inside, word.length));
    } else {
      mark.lines.push([f.severity, `${f.rule}: ${f.message}${f.suggestion ? `. Try: ${f.suggestion}` : ""}`]);
    }
    if (at >= 0 && ranges[f.severity] && !word) {
      ranges[f.severity].push(rangeAt(doc, mark.map, at, sentence.length));
    }
  });
  for (const [block, mark] of marked) {
    const note = doc.createElement("span");
    note.className = "er-note";
    for (const [severity, line] of mark.lines) {
      const row = doc.createElement("span");
      row.className = `er-line er-is-${severity}`;
      row.textContent = line;
      note.append(row);
    }
    if (mark.words.size) {
      const row = doc.createElement("span");
      row.className = "er-line er-is-warning";
      row.textContent = `Hard words: ${[...mark.words.values()].join(", ")}`;
      note.append(row);
    }
    block.append(note);
  }
  const highlights = frame.contentWindow.CSS && frame.contentWindow.CSS.highlights;
  if (highlights) {
    for (const [kind, list] of Object.entries(ranges)) {
      highlights.set(`er-${kind}`, new frame.contentWindow.Highlight(...list));
    }
  }
}

function reveal(i) {
  const doc = frame.contentDocument;
  const block = doc && doc.querySelector(`[data-er-findings~="${i}"]`);
  if (!block) return;
  block.scrollIntoView({ block: "center" });
  block.classList.remove("er-flash");
  void block.offsetWidth;
  block.classList.add("er-flash");
}

const events = new EventSource("/events");
events.addEventListener("build", () => refresh());
refresh();
