// easyread audit: measures a page as laid out in the browser.
// Returns what sticks out sideways, how much of each piece of visible text
// can be seen (clipping by overflow and by the page's top and left edges),
// and which pieces of text overlap each other.
() => {
  const selector = (el) => {
    const parts = [];
    while (el && el.nodeType === 1 && el !== document.documentElement) {
      if (el.id) {
        parts.unshift("#" + CSS.escape(el.id));
        break;
      }
      let part = el.localName;
      const parent = el.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.localName === el.localName);
        if (same.length > 1) part += `:nth-of-type(${same.indexOf(el) + 1})`;
      }
      parts.unshift(part);
      el = parent;
    }
    return parts.join(" > ");
  };

  const clippers = (el) => {
    const boxes = [];
    for (let a = el; a && a !== document.documentElement; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX !== "visible" || s.overflowY !== "visible") {
        const r = a.getBoundingClientRect();
        const left = r.left + a.clientLeft;
        const top = r.top + a.clientTop;
        boxes.push([left, top, left + a.clientWidth, top + a.clientHeight]);
      }
    }
    return boxes;
  };

  const visibleArea = (r, boxes) => {
    // The page cannot be scrolled to negative coordinates.
    let [l, t, rr, b] = [Math.max(r.left, -scrollX), Math.max(r.top, -scrollY), r.right, r.bottom];
    for (const [bl, bt, br, bb] of boxes) {
      l = Math.max(l, bl); t = Math.max(t, bt); rr = Math.min(rr, br); b = Math.min(b, bb);
    }
    return Math.max(0, rr - l) * Math.max(0, b - t);
  };

  const viewport = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if ((r.width || r.height) && r.right > viewport + 1) {
      wide.push({ selector: selector(el), right: Math.round(r.right) });
    }
  }

  const texts = [];
  const rects = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const counts = new Map();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.data.trim() || !el || getComputedStyle(el).visibility !== "visible") continue;
    const n = (counts.get(el) || 0) + 1;
    counts.set(el, n);
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (!lines.length) continue;
    const boxes = clippers(el);
    let area = 0, seen = 0;
    for (const r of lines) {
      area += r.width * r.height;
      seen += visibleArea(r, boxes);
      rects.push({ text: texts.length, l: r.left + scrollX, t: r.top + scrollY, r: r.right + scrollX, b: r.bottom + scrollY });
    }
    texts.push({ id: selector(el) + (n > 1 ? ` (text ${n})` : ""), text: node.data.trim().slice(0, 80), visible: seen / area });
  }

  // Pairs of text from different nodes whose boxes overlap by more than a pixel.
  rects.sort((a, b) => a.t - b.t);
  const overlaps = new Set();
  for (let i = 0; i < rects.length; i++) {
    const a = rects[i];
    for (let j = i + 1; j < rects.length && rects[j].t < a.b - 1; j++) {
      const b = rects[j];
      if (a.text === b.text) continue;
      const w = Math.min(a.r, b.r) - Math.max(a.l, b.l);
      const h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
      if (w > 1 && h > 1) overlaps.add([Math.min(a.text, b.text), Math.max(a.text, b.text)].join(","));
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: viewport,
    wide,
    texts,
    overlaps: [...overlaps].map((p) => p.split(",").map((k) => texts[Number(k)].id)),
  };
}
