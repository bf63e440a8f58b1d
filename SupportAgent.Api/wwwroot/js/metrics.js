// The support leads' figures (ARCHITECTURE.md §8) from GET /api/metrics/support: headline cards and one chart per figure.
import { h, format } from './api.js';
import { lineChart } from './charts.js';

/** Model spend per ticket is often a fraction of a cent: keep two significant digits there. */
const dollars = (v) => {
  if (v === null || v === undefined) return '–';
  const n = Number(v);
  return n === 0 || Math.abs(n) >= 0.01 ? `$${n.toFixed(2)}` : `$${n.toPrecision(2)}`;
};
const score = (v) => (v === null || v === undefined ? '–' : `${Number(v).toFixed(2)} / 5`);

function kpi(label, value, note) {
  return h('div', { class: 'kpi' },
    h('span', { class: 'kpi__label' }, label),
    h('strong', { class: 'kpi__value' }, value),
    note ? h('span', { class: 'kpi__note muted' }, note) : null);
}

function csatNote(c) {
  if (!c || !c.count) return 'no ratings yet';
  return `${format.percent(c.shareFourOrFive)} rated 4-5 · ${c.count} rating${c.count === 1 ? '' : 's'}`;
}

export function renderMetrics(kpis, charts, m, bucket) {
  const c = m.counts ?? {};
  kpis.replaceChildren(
    kpi('Deflection', format.percent(m.deflectionRate), `${c.resolvedWithoutHandoff ?? 0} of ${c.resolved ?? 0} resolved without a person`),
    kpi('Escalation', format.percent(m.escalationRate), `${c.withHandoff ?? 0} of ${c.threadsWithCustomerMessage ?? 0} conversations`),
    kpi('First response p50 / p95', `${format.ms(m.firstResponseP50Ms)} / ${format.ms(m.firstResponseP95Ms)}`, `over ${c.turns ?? 0} replies`),
    kpi('CSAT, bot-resolved', score(m.csat?.bot?.mean), csatNote(m.csat?.bot)),
    kpi('CSAT, human-resolved', score(m.csat?.human?.mean), csatNote(m.csat?.human)),
    kpi('Cost per resolved ticket', dollars(m.costPerResolvedTicket), `${dollars(m.resolvedSpend)} over ${c.resolved ?? 0} resolved`),
    kpi('Conversations', String(c.threads ?? 0), `${c.ratings ?? 0} rated`));

  const label = bucket === 'hour'
    ? (d) => d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : (d) => d.toLocaleDateString([], { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const series = (key) => (m.series ?? []).map((s) => ({ x: new Date(s.start), y: s[key] ?? null }));
  charts.replaceChildren(
    lineChart({ title: 'Deflection rate', points: series('deflectionRate'), format: format.percent, label, max: 1 }),
    lineChart({ title: 'Escalation rate', points: series('escalationRate'), format: format.percent, label, max: 1 }),
    lineChart({ title: 'First response p95', points: series('firstResponseP95Ms'), format: format.ms, label }),
    lineChart({ title: 'CSAT (mean rating)', points: series('csatMean'), format: (v) => Number(v).toFixed(1), label, max: 5 }),
    lineChart({ title: 'Cost per resolved ticket', points: series('costPerResolvedTicket'), format: dollars, label }));
}
