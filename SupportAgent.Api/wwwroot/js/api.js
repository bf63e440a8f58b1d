// Shared by the chat page and the agents' console: HTTP with problem details, SSE over fetch, the live thread
// stream, and a tiny DOM builder that only ever sets text (never HTML), so nothing a customer types can run.

/** An RFC 7807 problem answered by the Api, with its stable code and, for 429, the seconds to wait. */
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem.title || `Request failed (${status})`);
    this.status = status;
    this.code = problem.code || '';
    this.title = problem.title || `Request failed (${status})`;
    this.detail = problem.detail || '';
    this.retryAfter = retryAfter;
  }
}

/** A sign-in kept for this browser tab only. */
export function session(key) {
  return {
    get() {
      try { return JSON.parse(sessionStorage.getItem(key) || 'null'); } catch { return null; }
    },
    set(value) { sessionStorage.setItem(key, JSON.stringify(value)); },
    clear() { sessionStorage.removeItem(key); },
  };
}

export async function problemOf(response) {
  let problem = {};
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try { problem = await response.json(); } catch { problem = {}; }
  }
  if (!problem.title) problem.title = response.status === 401 ? 'Your sign-in has expired' : `Request failed (${response.status})`;
  const header = Number.parseInt(response.headers.get('Retry-After') || '', 10);
  const retryAfter = Number.isFinite(header) ? header : (problem.retryAfterSeconds ?? null);
  return new ApiError(response.status, problem, retryAfter);
}

/** Calls the Api; returns the JSON body (null for 204) or throws ApiError. */
export async function api(path, { token, method = 'GET', body, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, { title: 'The service cannot be reached', detail: 'Check your connection and try again.', code: 'network' }, null);
  }
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/**
 * Reads a text/event-stream response body (EventSource cannot POST). Calls onEvent(type, data, id) for each event
 * whose data is JSON; resolves when the stream ends.
 */
export async function readSse(response, onEvent) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      dispatchFrame(frame, onEvent);
    }
  }
  if (buffer.trim()) dispatchFrame(buffer, onEvent);
}

function dispatchFrame(frame, onEvent) {
  let type = 'message';
  let id = null;
  const data = [];
  for (const line of frame.split('\n')) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  }
  if (!data.length) return;
  let parsed;
  try { parsed = JSON.parse(data.join('\n')); } catch { return; }
  onEvent(type, parsed, id);
}

/**
 * The live stream of a thread (human replies, status changes). The browser resumes with Last-Event-ID on its own;
 * if the server closes the stream for good (e.g. a restart answered an error), we reconnect by hand from the last id.
 */
export function openLiveEvents(threadId, token, { onEvent, onState }) {
  let lastId = null;
  let source = null;
  let closed = false;
  let retry = 1000;
  let timer = null;

  const connect = () => {
    const params = new URLSearchParams({ access_token: token });
    if (lastId) params.set('lastEventId', lastId);
    source = new EventSource(`/api/threads/${encodeURIComponent(threadId)}/events?${params}`);
    source.onopen = () => { retry = 1000; onState?.('live'); };
    const handle = (e) => {
      if (e.lastEventId) lastId = e.lastEventId;
      let data;
      try { data = JSON.parse(e.data); } catch { return; }
      onEvent(e.type, data, e.lastEventId);
    };
    for (const type of ['message', 'status', 'handoff']) source.addEventListener(type, handle);
    source.onerror = () => {
      if (closed) return;
      if (source.readyState === EventSource.CLOSED) {
        onState?.('reconnecting');
        timer = setTimeout(connect, retry);
        retry = Math.min(retry * 2, 30000);
      } else {
        onState?.('reconnecting');
      }
    };
  };
  connect();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      source?.close();
    },
  };
}

/** Builds an element. Children are nodes or strings (always text); props set attributes, `on*` add listeners. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Shows a problem in an alert region; 429s say when to try again. */
export function showProblem(region, error) {
  region.replaceChildren();
  if (!error) {
    region.hidden = true;
    return;
  }
  const lines = [h('strong', {}, error.title || 'Something went wrong')];
  if (error.detail) lines.push(h('span', {}, ` ${error.detail}`));
  if (error.status === 429 && error.retryAfter) lines.push(h('span', {}, ` You can send again in ${error.retryAfter} s.`));
  if (error.code) lines.push(h('span', { class: 'problem-code' }, ` (${error.code})`));
  region.append(...lines);
  region.hidden = false;
}

export function newKey() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export const format = {
  money(value) {
    return value === null || value === undefined ? '–' : `$${Number(value).toFixed(2)}`;
  },
  percent(value) {
    return value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)} %`;
  },
  duration(seconds) {
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return `${s} s`;
    const m = Math.floor(s / 60);
    if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
    if (m < 24 * 60) return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
    // A day or more: days and hours, so "1 day 2 h" reads as what it is.
    const days = Math.floor(m / 1440);
    const hours = Math.floor((m % 1440) / 60);
    return `${days} ${days === 1 ? 'day' : 'days'}${hours ? ` ${hours} h` : ''}`;
  },
  ms(value) {
    if (value === null || value === undefined) return '–';
    return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
  },
  time(iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? '' : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
  },
  clock(iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  },
  words(code) {
    return String(code || '').replace(/_/g, ' ');
  },
  agentName(id) {
    const name = String(id || '').replace(/^agent_/, '');
    return name ? name[0].toUpperCase() + name.slice(1) : 'A colleague';
  },
};

export const statusLabels = {
  active: 'With the assistant',
  awaiting_human: 'Waiting for a person',
  with_human: 'With a person',
  resolved: 'Resolved',
};
