// The customer chat (ARCHITECTURE.md §6): development sign-in, threads, streamed replies with discreet tool activity,
// the handoff state and a person's replies live, and a rating at the end.
import { api, session, openLiveEvents, h, showProblem, format, statusLabels, newKey } from './api.js';
import { postMessage, StreamedReply } from './turn.js';

const $ = (id) => document.getElementById(id);
const auth = session('supportagent.customer');
const rated = session('supportagent.rated');

const state = {
  user: null,          // { token, id, name, orders, threadId }
  threadId: null,
  status: null,
  agent: null,
  live: null,
  streaming: null,     // the StreamedReply (turn.js) while a reply streams in
  seen: new Set(),     // message ids on screen
  pending: [],         // this tab's messages not yet confirmed by the live stream: { text, el }
  hasReply: false,
  cooldown: null,
  unsent: null,        // { text, key } of a message that could not be sent: sending the same text again reuses its key
};

/** Refusals worth trying again with the same key: the Api unreachable or restarting, or the thread still busy. */
const retryable = (error) => error.notSent && (!error.status || error.status >= 500 || error.status === 409);
const retryDelaysMs = [1000, 2000, 4000, 8000];

wire();
start();

async function start() {
  state.user = auth.get();
  if (state.user?.token) await enterChat();
  else await showSignIn();
}

function wire() {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => signOut());
  $('new-thread').addEventListener('click', () => newConversation());
  $('composer').addEventListener('submit', (e) => { e.preventDefault(); send(); });
  $('composer-text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $('composer').requestSubmit();
    }
  });
  $('resolve').addEventListener('click', resolve);
  $('feedback').addEventListener('submit', sendFeedback);
  $('rating').append(...[1, 2, 3, 4, 5].map((n) => h('label', { class: 'rating__option' },
    h('input', { type: 'radio', name: 'rating', value: n, required: true }),
    ` ${n} – ${['Very poor', 'Poor', 'Okay', 'Good', 'Excellent'][n - 1]}`)));
}

// ---- sign-in ----

async function showSignIn(problem) {
  $('chat').hidden = true;
  $('user-box').hidden = true;
  $('sign-in').hidden = false;
  showProblem($('sign-in-problem'), problem);
  const select = $('customer-select');
  try {
    const customers = await api('/api/dev/customers');
    state.customers = customers;
    select.replaceChildren(h('option', { value: '' }, 'Choose a customer'),
      ...customers.map((c) => h('option', { value: c.id }, `${c.name} (${c.id})`)));
  } catch (error) {
    select.replaceChildren(h('option', { value: '' }, 'No customers available'));
    showProblem($('sign-in-problem'), error.status === 404
      ? { title: 'Development sign-in is not enabled on this server.' } : error);
  }
}

async function signIn(event) {
  event.preventDefault();
  const subject = $('customer-select').value;
  if (!subject) return;
  try {
    const body = await api('/api/dev/token', { method: 'POST', body: { subject, role: 'customer' } });
    const customer = state.customers?.find((c) => c.id === subject);
    state.user = { token: body.access_token, id: subject, name: customer?.name ?? subject, orders: customer?.orders ?? [] };
    auth.set(state.user);
    await enterChat();
  } catch (error) {
    showProblem($('sign-in-problem'), error);
  }
}

function signOut(problem) {
  state.live?.close();
  auth.clear();
  state.user = null;
  state.threadId = null;
  showSignIn(problem);
}

async function enterChat() {
  $('sign-in').hidden = true;
  $('user-box').hidden = false;
  $('user-name').textContent = `${state.user.name} (${state.user.id})`;
  $('order-list').replaceChildren(...(state.user.orders || []).map((o) =>
    h('li', {}, h('span', { class: 'order-id' }, `#${o.id}`), ` ${format.words(o.status)} · ${format.money(o.total)}`)));
  $('orders-box').hidden = !(state.user.orders || []).length;
  // Show the chat only once the conversation to resume is on screen, so nothing typed meanwhile is lost.
  if (state.user.threadId) await openThread(state.user.threadId);
  else newConversation();
  $('chat').hidden = false;
  $('composer-text').focus();
}

// ---- threads ----

async function call(path, options = {}) {
  try {
    return await api(path, { token: state.user.token, ...options });
  } catch (error) {
    if (error.status === 401) signOut(error);
    throw error;
  }
}

async function loadThreads() {
  try {
    const threads = await call('/api/threads');
    $('thread-list').replaceChildren(...threads.map((t) => h('li', {},
      h('button', {
        type: 'button', class: 'thread-link', 'aria-current': t.id === state.threadId ? 'true' : null,
        onclick: () => openThread(t.id),
      },
      h('span', {}, format.time(t.createdAt)),
      h('span', { class: `badge badge--${t.status}` }, statusLabels[t.status] ?? t.status)))));
    if (!threads.length) $('thread-list').append(h('li', { class: 'muted' }, 'No conversations yet.'));
  } catch (error) {
    showProblem($('chat-problem'), error);
  }
}

function resetConversation() {
  // Stop reading a reply still streaming for the conversation we leave; the turn itself completes on the server.
  state.streaming?.controller.abort();
  state.streaming = null;
  state.live?.close();
  state.live = null;
  state.seen.clear();
  state.pending = [];
  state.hasReply = false;
  state.agent = null;
  $('messages').replaceChildren();
  $('empty-hint').hidden = false;
  $('live-state').textContent = '';
  $('feedback-thanks').hidden = true;
  showProblem($('chat-problem'), null);
}

function newConversation() {
  resetConversation();
  state.threadId = null;
  remember(null);
  $('conversation-title').textContent = 'New conversation';
  setStatus(null);
  $('composer-text').focus();
  loadThreads();
}

async function openThread(id) {
  resetConversation();
  state.threadId = id;
  try {
    const thread = await call(`/api/threads/${encodeURIComponent(id)}`);
    if (state.threadId !== id) return; // another conversation was opened meanwhile
    remember(id);
    $('conversation-title').textContent = `Conversation · ${format.time(thread.createdAt)}`;
    for (const m of thread.messages) addMessage(m.role, m.text, { id: m.id, author: m.author });
    state.agent = thread.handoff?.claimedBy ?? null;
    setStatus(thread.status);
    listen(id);
  } catch (error) {
    if (error.status === 404) {
      remember(null);
      newConversation();
    }
    showProblem($('chat-problem'), error);
  }
  loadThreads();
}

function remember(threadId) {
  if (!state.user) return;
  state.user.threadId = threadId;
  auth.set(state.user);
}

function listen(threadId) {
  state.live = openLiveEvents(threadId, state.user.token, {
    onState: (s) => { $('live-state').textContent = s === 'live' ? '' : 'Reconnecting…'; },
    onEvent: (type, data) => {
      if (threadId !== state.threadId) return;
      if (type === 'message') onLiveMessage(data);
      else if (type === 'status') {
        if (data.agent) state.agent = data.agent;
        setStatus(data.status);
        loadThreads();
      }
    },
  });
}

function onLiveMessage(m) {
  if (m.id && state.seen.has(m.id)) return;
  if (m.role === 'customer') {
    const i = state.pending.findIndex((p) => p.text === m.text);
    if (i >= 0) {
      const [p] = state.pending.splice(i, 1);
      p.el.dataset.id = m.id;
      state.seen.add(m.id);
      return;
    }
  }
  if (m.role === 'assistant' && state.streaming) {
    // The reply being streamed into this tab, stored: keep the streamed bubble.
    state.seen.add(m.id);
    return;
  }
  addMessage(m.role, m.text, { id: m.id, author: m.author });
}

// ---- messages ----

function who(role, author) {
  if (role === 'customer') return 'You';
  if (role === 'assistant') return 'Assistant';
  if (role === 'agent') return `${format.agentName(author)} · Support team`;
  return 'Notice';
}

function addMessage(role, text, { id, author } = {}) {
  if (id) state.seen.add(id);
  if (role === 'assistant' || role === 'agent') state.hasReply = true;
  const li = h('li', { class: `msg msg--${role}`, 'data-id': id },
    h('span', { class: 'msg__who' }, who(role, author)),
    h('div', { class: 'msg__text' }, text));
  $('messages').append(li);
  $('empty-hint').hidden = true;
  li.scrollIntoView({ block: 'end' });
  updateWrapUp();
  return li;
}

async function send() {
  const box = $('composer-text');
  const text = box.value.trim();
  if (!text || state.streaming || state.cooldown) return;
  showProblem($('chat-problem'), null);
  setBusy(true);
  try {
    if (!state.threadId) {
      const created = await call('/api/threads', { method: 'POST' });
      state.threadId = created.id;
      remember(created.id);
      $('conversation-title').textContent = `Conversation · ${format.time(new Date().toISOString())}`;
      setStatus('active');
      listen(created.id);
      loadThreads();
    }
    await streamTurn(state.threadId, text, box);
  } catch (error) {
    if (error.name !== 'AbortError') showProblem($('chat-problem'), error);
  } finally {
    setBusy(false);
    if (!state.cooldown) box.focus();
  }
}

async function streamTurn(threadId, text, box) {
  const mine = addMessage('customer', text);
  const pending = { text, el: mine };
  state.pending.push(pending);
  box.value = '';
  const reply = new StreamedReply($('messages'));
  state.streaming = reply;
  try {
    // One key per message, kept across retries (automatic, or the customer sending the same text again), so a
    // message the Api did receive is answered once, never twice.
    const key = state.unsent?.text === text ? state.unsent.key : newKey();
    state.unsent = { text, key };
    let response;
    for (let attempt = 0; ; attempt++) {
      try {
        response = await postMessage(threadId, text, state.user.token, reply.controller.signal, key);
        break;
      } catch (error) {
        if (!retryable(error) || attempt >= retryDelaysMs.length) throw error;
        await new Promise((resolve) => setTimeout(resolve, error.retryAfter ? error.retryAfter * 1000 : retryDelaysMs[attempt]));
      }
    }
    state.unsent = null;
    await reply.read(response, {
      status: (status, messageId) => {
        if (messageId) {
          mine.dataset.id = messageId;
          state.seen.add(messageId);
          state.pending = state.pending.filter((p) => p !== pending);
        }
        setStatus(status);
      },
      stored: (messageId) => state.seen.add(messageId),
    });
    if (reply.hasText) state.hasReply = true;
  } catch (error) {
    if (error.notSent) {
      // Not sent: take the message back into the box so nothing typed is lost.
      mine.remove();
      state.pending = state.pending.filter((p) => p !== pending);
      box.value = text;
      if (error.status === 401) signOut(error);
      if (error.status === 429) startCooldown(error.retryAfter ?? 5);
    }
    throw error;
  } finally {
    reply.finish();
    if (state.streaming === reply) state.streaming = null;
    updateWrapUp();
  }
}

function setBusy(busy) {
  $('send').disabled = busy || !!state.cooldown;
  $('composer').setAttribute('aria-busy', busy ? 'true' : 'false');
}

function startCooldown(seconds) {
  let left = Math.max(1, seconds);
  const button = $('send');
  const tick = () => {
    if (left <= 0) {
      clearInterval(state.cooldown);
      state.cooldown = null;
      button.textContent = 'Send';
      button.disabled = false;
      return;
    }
    button.textContent = `Wait ${left} s`;
    button.disabled = true;
    left -= 1;
  };
  clearInterval(state.cooldown);
  state.cooldown = setInterval(tick, 1000);
  tick();
}

// ---- status, resolve, rating ----

function setStatus(status) {
  state.status = status;
  const badge = $('thread-status');
  badge.hidden = !status;
  badge.textContent = statusLabels[status] ?? status ?? '';
  badge.className = `badge badge--${status}`;

  const banner = $('handoff-banner');
  const texts = {
    awaiting_human: 'You are in the queue for a member of our support team. They will reply right here; you can keep this page open.',
    with_human: `${format.agentName(state.agent)} from our support team is now handling your conversation.`,
    resolved: 'This conversation is resolved. Write again any time if you need more help.',
  };
  banner.textContent = texts[status] ?? '';
  banner.hidden = !texts[status];
  banner.className = `banner banner--${status}`;
  updateWrapUp();
}

function updateWrapUp() {
  const rateable = state.status === 'resolved' && state.threadId && !(rated.get() || []).includes(state.threadId);
  $('wrap-up').hidden = !(state.status === 'active' && state.hasReply && !state.streaming);
  $('feedback').hidden = !rateable;
  if (state.status !== 'resolved') $('feedback-thanks').hidden = true;
}

async function resolve() {
  showProblem($('chat-problem'), null);
  try {
    await call(`/api/threads/${encodeURIComponent(state.threadId)}/resolve`, { method: 'POST' });
    setStatus('resolved');
    loadThreads();
    $('feedback').querySelector('input')?.focus();
  } catch (error) {
    showProblem($('chat-problem'), error);
  }
}

async function sendFeedback(event) {
  event.preventDefault();
  const form = $('feedback');
  const rating = Number(form.querySelector('input[name=rating]:checked')?.value);
  if (!rating) return;
  const comment = $('feedback-comment').value.trim();
  let message = 'Thank you for rating this conversation.';
  try {
    await call(`/api/threads/${encodeURIComponent(state.threadId)}/feedback`, {
      method: 'POST', body: { rating, comment: comment || null },
    });
  } catch (error) {
    if (error.code !== 'feedback_already_given') {
      showProblem($('chat-problem'), error);
      return;
    }
    message = 'You have already rated this conversation. Thank you!';
  }
  rated.set([...(rated.get() || []), state.threadId]);
  form.reset();
  updateWrapUp();
  const thanks = $('feedback-thanks');
  thanks.textContent = message;
  thanks.hidden = false;
}
