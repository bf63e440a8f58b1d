// The human agents' console (ARCHITECTURE.md §6): the queue, a thread with its tool-call audit, claim / reply / resolve /
// return to bot / approve or deny a proposal, the customer's messages live, and the support metrics with small charts.
import { api, session, openLiveEvents, h, showProblem, format, statusLabels } from './api.js';
import { renderMetrics } from './metrics.js';

const $ = (id) => document.getElementById(id);
const auth = session('supportagent.agent');
const QUEUE_REFRESH_MS = 5000;

const state = {
  user: null,        // { token, id }
  queue: [],
  fetchedAt: 0,
  threadId: null,
  thread: null,      // GET /api/threads/{id} as an agent
  live: null,
  seen: new Set(),
  timer: null,
  refreshSoon: null,
};

const priorities = { 1: 'Urgent', 2: 'Normal', 3: 'Low' };

wire();
start();

function start() {
  state.user = auth.get();
  if (state.user?.token) enterConsole();
  else showSignIn();
}

function wire() {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => signOut());
  $('tab-queue').addEventListener('click', () => showView('queue'));
  $('tab-metrics').addEventListener('click', () => showView('metrics'));
  $('queue-filter').addEventListener('change', () => loadQueue());
  $('claim').addEventListener('click', () => act('claim'));
  $('resolve').addEventListener('click', () => act('resolve'));
  $('return-form').addEventListener('submit', (e) => { e.preventDefault(); act('return-to-bot'); });
  $('approve').addEventListener('click', () => act('approve'));
  $('approve-amount-form').addEventListener('submit', (e) => {
    e.preventDefault();
    act('approve', { amount: Number($('approve-amount').value) });
  });
  $('deny-form').addEventListener('submit', (e) => { e.preventDefault(); act('deny', { reason: $('deny-reason').value.trim() }); });
  $('reply-form').addEventListener('submit', (e) => { e.preventDefault(); reply(); });
  $('use-draft').addEventListener('click', useDraft);
  $('reply-text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $('reply-form').requestSubmit();
    }
  });
  $('metrics-form').addEventListener('submit', (e) => { e.preventDefault(); loadMetrics(); });
  document.addEventListener('visibilitychange', () => { if (!document.hidden && state.user) loadQueue(); });
}

// ---- sign-in ----

function showSignIn(problem) {
  for (const id of ['queue-view', 'metrics-view', 'tabs', 'user-box']) $(id).hidden = true;
  $('sign-in').hidden = false;
  showProblem($('sign-in-problem'), problem);
}

async function signIn(event) {
  event.preventDefault();
  const subject = $('agent-select').value;
  try {
    const body = await api('/api/dev/token', { method: 'POST', body: { subject, role: 'agent' } });
    state.user = { token: body.access_token, id: subject };
    auth.set(state.user);
    enterConsole();
  } catch (error) {
    showProblem($('sign-in-problem'), error.status === 404
      ? { title: 'Development sign-in is not enabled on this server.' } : error);
  }
}

function signOut(problem) {
  clearInterval(state.timer);
  state.live?.close();
  auth.clear();
  state.user = null;
  showSignIn(problem);
}

function enterConsole() {
  $('sign-in').hidden = true;
  $('tabs').hidden = false;
  $('user-box').hidden = false;
  $('user-name').textContent = `${format.agentName(state.user.id)} (${state.user.id})`;
  showView(location.hash === '#metrics' ? 'metrics' : 'queue');
}

function showView(view) {
  const metrics = view === 'metrics';
  $('queue-view').hidden = metrics;
  $('metrics-view').hidden = !metrics;
  $('tab-queue').setAttribute('aria-pressed', String(!metrics));
  $('tab-metrics').setAttribute('aria-pressed', String(metrics));
  history.replaceState(null, '', metrics ? '#metrics' : '#queue');
  clearInterval(state.timer);
  if (metrics) {
    loadMetrics();
  } else {
    loadQueue();
    state.timer = setInterval(loadQueue, QUEUE_REFRESH_MS);
  }
}

async function call(path, options = {}) {
  try {
    return await api(path, { token: state.user.token, ...options });
  } catch (error) {
    if (error.status === 401 || error.status === 403) signOut(error);
    throw error;
  }
}

// ---- queue ----

async function loadQueue() {
  if (!state.user || $('queue-view').hidden) return;
  const status = $('queue-filter').value;
  try {
    state.queue = await call(`/api/handoffs${status ? `?status=${encodeURIComponent(status)}` : ''}`);
    state.fetchedAt = Date.now();
    renderQueue();
    $('queue-updated').textContent = `Updated ${format.clock(new Date().toISOString())}`;
    showProblem($('console-problem'), null);
  } catch (error) {
    showProblem($('console-problem'), error);
  }
}

function renderQueue() {
  const focusKey = document.activeElement?.dataset?.key;
  const list = $('queue-list');
  list.replaceChildren(...state.queue.map(queueItem));
  if (!state.queue.length) list.append(h('li', { class: 'muted empty' }, 'Nothing waiting. Nice work.'));
  if (focusKey) list.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
}

function queueItem(item) {
  const waiting = item.status === 'open'
    ? `waiting ${format.duration(item.waitingSeconds)}`
    : `waited ${format.duration(item.waitingSeconds)}`;
  const holder = item.claimedBy ? `claimed by ${format.agentName(item.claimedBy)}` : format.words(item.status);
  const open = h('button', {
    type: 'button', class: 'queue-item__open', 'data-key': `open:${item.id}`,
    'aria-current': item.threadId === state.threadId ? 'true' : null,
    onclick: () => openThread(item.threadId),
  },
  h('span', { class: `priority priority--${item.priority}` }, priorities[item.priority] ?? `P${item.priority}`),
  h('span', { class: 'queue-item__reason' }, format.words(item.reason)),
  h('span', { class: 'queue-item__meta' }, `${item.customerId} · ${item.lane} · ${waiting} · ${holder}`));
  const li = h('li', { class: 'queue-item', 'data-thread': item.threadId }, open);
  if (item.status === 'open') {
    li.append(h('button', {
      type: 'button', class: 'primary small-button', 'data-key': `claim:${item.id}`,
      'aria-label': `Claim the conversation of ${item.customerId}`,
      onclick: async () => { await openThread(item.threadId); await act('claim'); },
    }, 'Claim'));
  }
  return li;
}

// ---- one thread ----

async function openThread(threadId) {
  if (state.threadId !== threadId) {
    state.live?.close();
    state.live = null;
    state.threadId = threadId;
    state.seen.clear();
    $('transcript').replaceChildren();
    $('return-note').value = '';
    $('return-box').open = false;
    $('deny-reason').value = '';
    $('approve-amount').value = '';
    showProblem($('thread-problem'), null);
  }
  await refreshThread();
  if (!state.live) {
    state.live = openLiveEvents(threadId, state.user.token, {
      onState: (s) => { $('live-state').textContent = s === 'live' ? 'Live' : 'Reconnecting…'; },
      onEvent: (type, data) => {
        if (threadId !== state.threadId) return;
        if (type === 'message' && data.id && !state.seen.has(data.id)) {
          addMessage(data);
        }
        // Status changes and bot turns also bring tool calls and handoff changes: re-read the thread shortly.
        clearTimeout(state.refreshSoon);
        state.refreshSoon = setTimeout(refreshThread, 300);
      },
    });
  }
  for (const b of document.querySelectorAll('.queue-item__open')) {
    b.setAttribute('aria-current', b.closest('li').dataset.thread === threadId ? 'true' : 'false');
  }
}

async function refreshThread() {
  const threadId = state.threadId;
  if (!threadId) return;
  try {
    const thread = await call(`/api/threads/${encodeURIComponent(threadId)}`);
    if (threadId !== state.threadId) return;
    state.thread = thread;
    renderThread();
  } catch (error) {
    showProblem($('thread-problem'), error);
  }
}

function renderThread() {
  const t = state.thread;
  $('thread-empty').hidden = true;
  $('thread-view').hidden = false;
  $('thread-title').textContent = `${t.customerId} · ${format.time(t.createdAt)}`;
  const badge = $('thread-status');
  badge.textContent = statusLabels[t.status] ?? t.status;
  badge.className = `badge badge--${t.status}`;

  const handoff = t.handoff;
  $('handoff-info').textContent = handoff
    ? `Handoff: ${format.words(handoff.reason)} · ${handoff.claimedBy ? `claimed by ${format.agentName(handoff.claimedBy)}` : 'not claimed yet'} · opened ${format.time(handoff.createdAt)}`
    : `No open handoff${t.resolution ? ` · ${format.words(t.resolution)}` : ''}. Lane: ${t.lane ?? '–'}.`;
  const queued = state.queue.find((q) => q.threadId === t.id);
  $('summary-box').hidden = !queued?.summary;
  $('handoff-summary').textContent = queued?.summary ?? '';

  const mine = handoff?.status === 'claimed' && handoff.claimedBy === state.user.id;
  $('claim').hidden = handoff?.status !== 'open';
  $('resolve').hidden = !mine;
  $('return-box').hidden = !mine;
  $('reply-send').disabled = !mine;
  $('reply-text').disabled = !mine;
  $('reply-help').textContent = mine
    ? 'Enter sends, Shift+Enter starts a new line.'
    : handoff ? 'Claim the conversation to reply.' : 'Replies are possible while a handoff is open.';

  renderDecision(handoff, mine);
  $('use-draft').hidden = !mine || !state.assist?.draft;
  if (handoff && state.assistFor !== handoff.id) loadAssist(handoff.id);
  if (!handoff) { state.assistFor = null; state.assist = null; $('assist').hidden = true; }

  // Rebuild the transcript from the stored messages (live events appended in between are among them).
  state.seen.clear();
  $('transcript').replaceChildren();
  for (const m of t.messages) addMessage(m, false);
  renderAudit(t.toolCalls ?? []);
}

// The decision a handoff asks for (a refund above the cap, a second reship): what the bot proposed and why policy
// needs a person. Only the agent holding the handoff can approve it (as proposed, or another amount) or deny it.
const policyReasons = {
  above_cap: 'Above the refund limit the assistant may approve on its own',
  daily_ceiling: "Above the customer's daily refund limit",
  second_reship: 'A second replacement for this order',
};

function renderDecision(handoff, mine) {
  const p = handoff?.proposal;
  $('decision').hidden = !p;
  if (!p) return;
  const refund = p.kind === 'refund';
  $('decision-action').textContent = `${refund ? 'Refund' : 'Replacement'} (${p.tool})`;
  $('decision-order').textContent = `#${p.orderId}`;
  $('decision-amount-row').hidden = !refund;
  $('decision-amount').textContent = format.money(p.amount);
  $('decision-reason').textContent = policyReasons[p.reason] ?? format.words(p.reason);
  $('decision-customer-reason').textContent = p.customerReason || '–';
  $('decision-controls').hidden = !mine;
  $('approve-amount-form').hidden = !refund;
  $('approve').textContent = refund ? `Approve ${format.money(p.amount)}` : 'Approve';
  $('decision-help').textContent = mine
    ? 'Approving runs it once, in your name; the customer sees the outcome at once.'
    : 'Claim the conversation to approve or deny it.';
}

// The assisted console: a three-line summary, the customer's orders and a drafted reply. The draft only fills the
// reply box when the agent asks for it; it is never sent on its own.
async function loadAssist(handoffId) {
  state.assistFor = handoffId;
  try {
    const assist = await call(`/api/handoffs/${encodeURIComponent(handoffId)}/assist`);
    if (state.assistFor !== handoffId) return;
    state.assist = assist;
    $('assist').hidden = false;
    $('assist-summary').replaceChildren(...assist.summary.map((line) => h('li', {}, line)));
    $('orders').querySelector('tbody').replaceChildren(...assist.orders.map((o) => h('tr', {},
      h('td', {}, `#${o.orderId}`), h('td', {}, format.words(o.status)), h('td', {}, format.money(o.total)),
      h('td', {}, o.refundedTotal ? format.money(o.refundedTotal) : '–'), h('td', {}, String(o.reships ?? 0)))));
    $('orders-note').textContent = assist.ordersError ?? (assist.orders.length ? '' : 'No orders on this account.');
    const t = state.thread;
    $('use-draft').hidden = !(t?.handoff?.status === 'claimed' && t.handoff.claimedBy === state.user.id);
  } catch (error) {
    state.assistFor = null;
    showProblem($('thread-problem'), error);
  }
}

function useDraft() {
  const box = $('reply-text');
  box.value = state.assist?.draft ?? '';
  box.focus();
}

function addMessage(m, scroll = true) {
  state.seen.add(m.id);
  const who = m.role === 'customer' ? `Customer (${state.thread?.customerId ?? ''})`
    : m.role === 'assistant' ? 'Assistant'
      : m.role === 'agent' ? `${format.agentName(m.author)} · Support team` : 'Notice';
  const li = h('li', { class: `msg msg--${m.role === 'agent' ? 'agent-self' : m.role}`, 'data-id': m.id },
    h('span', { class: 'msg__who' }, who, m.createdAt ? ` · ${format.clock(m.createdAt)}` : ''),
    h('div', { class: 'msg__text' }, m.text));
  $('transcript').append(li);
  if (scroll) li.scrollIntoView({ block: 'nearest' });
}

function renderAudit(calls) {
  const list = $('audit');
  list.replaceChildren(...calls.map((c) => {
    const details = h('details', {},
      h('summary', {}, 'Arguments and result'),
      h('p', { class: 'small' }, 'Arguments'),
      h('pre', {}, pretty(c.arguments)),
      h('p', { class: 'small' }, 'Result'),
      h('pre', {}, pretty(c.result)));
    return h('li', { class: 'audit-item' },
      h('div', { class: 'audit-item__head' },
        h('code', {}, c.tool),
        h('span', { class: `outcome outcome--${c.outcome ?? 'pending'}` }, format.words(c.outcome ?? 'pending'))),
      h('div', { class: 'small muted' },
        `${format.clock(c.startedAt)} · ${c.node ?? ''} · ${c.durationMs ?? '–'} ms`,
        c.idempotencyKey ? ` · key ${c.idempotencyKey}` : ''),
      h('div', { class: 'small audit-item__args' }, compactArgs(c.arguments)),
      details);
  }));
  if (!calls.length) list.append(h('li', { class: 'muted' }, 'No tool calls in this conversation.'));
}

function pretty(json) {
  if (!json) return '–';
  try { return JSON.stringify(JSON.parse(json), null, 2); } catch { return json; }
}

function compactArgs(json) {
  try {
    const args = JSON.parse(json || '{}');
    return Object.entries(args).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ') || 'no arguments';
  } catch {
    return '';
  }
}

async function act(action, decision) {
  const handoff = state.thread?.handoff;
  if (!handoff) return;
  showProblem($('thread-problem'), null);
  const body = action === 'return-to-bot' ? { note: $('return-note').value.trim() } : decision;
  // A decision runs the graph (and may move money): no second click while it is on its way.
  const buttons = [...document.querySelectorAll('#actions button, #decision-controls button')];
  for (const b of buttons) b.disabled = true;
  try {
    await call(`/api/handoffs/${encodeURIComponent(handoff.id)}/${action}`, { method: 'POST', body });
    if (action === 'claim') $('reply-text').disabled = false;
    if (action === 'approve' || action === 'deny') { $('deny-reason').value = ''; $('approve-amount').value = ''; }
  } catch (error) {
    showProblem($('thread-problem'), error);
  } finally {
    for (const b of buttons) b.disabled = false;
  }
  await refreshThread();
  loadQueue();
  if (action === 'claim' && !$('reply-text').disabled) $('reply-text').focus();
}

async function reply() {
  const handoff = state.thread?.handoff;
  const box = $('reply-text');
  const text = box.value.trim();
  if (!handoff || !text) return;
  showProblem($('thread-problem'), null);
  $('reply-send').disabled = true;
  try {
    const sent = await call(`/api/handoffs/${encodeURIComponent(handoff.id)}/reply`, { method: 'POST', body: { text } });
    box.value = '';
    if (sent?.messageId && !state.seen.has(sent.messageId)) {
      addMessage({ id: sent.messageId, role: 'agent', author: state.user.id, text, createdAt: new Date().toISOString() });
    }
  } catch (error) {
    showProblem($('thread-problem'), error);
  } finally {
    $('reply-send').disabled = false;
    box.focus();
  }
}

// ---- metrics ----

async function loadMetrics() {
  const period = $('metrics-period').value;
  // Buckets start on whole hours or whole (UTC) days, so the last one is "this hour" or "today".
  const to = new Date();
  const bucket = period === '24h' ? 'hour' : 'day';
  const from = new Date(to);
  if (bucket === 'hour') {
    from.setUTCMinutes(0, 0, 0);
    from.setUTCHours(from.getUTCHours() - 23);
  } else {
    from.setUTCHours(0, 0, 0, 0);
    from.setUTCDate(from.getUTCDate() - ({ '7d': 6, '30d': 29 }[period] ?? 6));
  }
  const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), bucket });
  try {
    const metrics = await call(`/api/metrics/support?${query}`);
    renderMetrics($('kpis'), $('charts'), metrics, bucket);
    showProblem($('console-problem'), null);
  } catch (error) {
    showProblem($('console-problem'), error);
  }
}
