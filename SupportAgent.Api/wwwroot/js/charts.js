// Small hand-drawn SVG line charts for the metrics dashboard: one series, gaps where a bucket has no data.
import { h } from './api.js';

const NS = 'http://www.w3.org/2000/svg';
const W = 320;
const H = 150;
const PAD = { left: 48, right: 10, top: 10, bottom: 24 };

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function niceMax(value) {
  if (!(value > 0)) return 1;
  const exp = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (value <= step * exp) return step * exp;
  }
  return 10 * exp;
}

/**
 * @param {{title: string, points: {x: Date, y: number|null}[], format: (v:number)=>string, label: (d:Date)=>string, max?: number}} spec
 */
export function lineChart({ title, points, format, label, max }) {
  const values = points.map((p) => p.y).filter((y) => y !== null && y !== undefined);
  const top = max ?? niceMax(Math.max(0, ...values));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i) => PAD.left + (points.length <= 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (v) => PAD.top + plotH - (Math.min(v, top) / top) * plotH;

  const latest = [...points].reverse().find((p) => p.y !== null && p.y !== undefined);
  const summary = latest
    ? `${title}: latest ${format(latest.y)} (${label(latest.x)}), ${values.length} of ${points.length} periods with data`
    : `${title}: no data in this period`;
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': summary, class: 'chart__svg' });
  chart.append(svg('title', {}, summary));

  for (const fraction of [0, 0.5, 1]) {
    const gy = y(top * fraction);
    chart.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: gy, y2: gy, class: 'chart__grid' }));
    chart.append(svg('text', { x: PAD.left - 6, y: gy + 4, 'text-anchor': 'end', class: 'chart__label' }, format(top * fraction)));
  }
  if (points.length) {
    chart.append(svg('text', { x: PAD.left, y: H - 6, 'text-anchor': 'start', class: 'chart__label' }, label(points[0].x)));
    if (points.length > 1) {
      chart.append(svg('text', { x: W - PAD.right, y: H - 6, 'text-anchor': 'end', class: 'chart__label' }, label(points[points.length - 1].x)));
    }
  }

  // One polyline per run of buckets that have data.
  let run = [];
  const flush = () => {
    if (run.length > 1) chart.append(svg('polyline', { points: run.join(' '), class: 'chart__line' }));
    run = [];
  };
  points.forEach((p, i) => {
    if (p.y === null || p.y === undefined) {
      flush();
      return;
    }
    run.push(`${x(i).toFixed(1)},${y(p.y).toFixed(1)}`);
    const dot = svg('circle', { cx: x(i).toFixed(1), cy: y(p.y).toFixed(1), r: 3, class: 'chart__dot' });
    dot.append(svg('title', {}, `${label(p.x)}: ${format(p.y)}`));
    chart.append(dot);
  });
  flush();
  if (!values.length) {
    chart.append(svg('text', { x: PAD.left + plotW / 2, y: PAD.top + plotH / 2, 'text-anchor': 'middle', class: 'chart__empty' }, 'No data yet'));
  }

  return h('figure', { class: 'chart' },
    h('figcaption', {}, h('span', {}, title), h('strong', {}, latest ? format(latest.y) : '–')),
    chart);
}
