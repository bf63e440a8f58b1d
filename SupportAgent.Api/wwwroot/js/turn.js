// One customer turn on the chat page: the message POSTed, and the reply streamed back as server-sent events
// (route, node, tool_call, tool_result, delta, handoff, done, error) into an assistant bubble.
import { problemOf, readSse, h, newKey } from './api.js';

/** What the customer sees while a tool runs, and once it has: discreet, one line per call. */
const toolPhrases = {
  get_order: (a) => [`Looking up order ${a.order_id ?? ''}…`, `Looked up order ${a.order_id ?? ''}`],
  list_orders: () => ['Looking up your orders…', 'Looked up your orders'],
  issue_refund: (a, outcome) => [`Refunding order ${a.order_id ?? ''}…`, {
    ok: `Refunded order ${a.order_id ?? ''}`,
    needs_approval: `Refund for order ${a.order_id ?? ''} needs a colleague's approval`,
  }[outcome] ?? `Refund request for order ${a.order_id ?? ''} handled`],
  get_tracking: (a) => [`Checking tracking for order ${a.order_id ?? ''}…`, `Checked tracking for order ${a.order_id ?? ''}`],
  reship: (a, outcome) => [`Arranging a replacement for order ${a.order_id ?? ''}…`,
    outcome === 'ok' ? `Replacement for order ${a.order_id ?? ''} arranged` : `Replacement request for order ${a.order_id ?? ''} handled`],
  search_docs: () => ['Searching the help center…', 'Searched the help center'],
  escalate_to_human: () => ['Passing you to a colleague…', 'Passed to a colleague'],
};

const phrases = (tool, args, outcome) =>
  (toolPhrases[tool] ?? (() => [`Working (${tool})…`, `Done (${tool})`]))(args ?? {}, outcome);

/**
 * Sends a message under its Idempotency-Key. Resolves with the SSE response; throws the problem (marked notSent) when
 * the Api refused it, or an error marked notSent when the Api could not be reached. An abort rethrows the AbortError.
 * A retry of the same message must pass the same key: the Api then answers it once (or replays the stored reply).
 */
export async function postMessage(threadId, text, token, signal, key = newKey()) {
  let response;
  try {
    response = await fetch(`/api/threads/${encodeURIComponent(threadId)}/messages`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        Accept: 'text/event-stream',
        'Idempotency-Key': key,
      },
      body: JSON.stringify({ text }),
      signal,
    });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw Object.assign(new Error('unreachable'), {
      title: 'The service cannot be reached', detail: 'Your message was not sent.', notSent: true,
    });
  }
  if (!response.ok) throw Object.assign(await problemOf(response), { notSent: true });
  return response;
}

/** The assistant's bubble while a reply streams in: tool activity above, text below, busy until done. */
export class StreamedReply {
  constructor(list) {
    this.controller = new AbortController();
    this.calls = new Map();
    this.activity = h('ul', { class: 'activity', 'aria-label': 'What the assistant is doing' });
    this.text = h('div', { class: 'msg__text' });
    this.typing = h('span', { class: 'typing' }, h('span', { class: 'visually-hidden' }, 'The assistant is writing'));
    this.bubble = h('li', { class: 'msg msg--assistant', 'aria-busy': 'true' },
      h('span', { class: 'msg__who' }, 'Assistant'), this.activity, this.text, this.typing);
    list.append(this.bubble);
  }

  get hasText() { return this.text.textContent.length > 0; }

  /**
   * Reads the stream to its end. hooks: status(status, messageId?) when a handoff or a person's hold changes the
   * thread, stored(messageId) when the reply is stored. Throws when the stream ends without done or error.
   */
  async read(response, hooks) {
    let over = false;
    await readSse(response, (type, data) => { if (this.apply(type, data, hooks)) over = true; });
    if (!over) {
      throw Object.assign(new Error('interrupted'), {
        title: 'The connection dropped while the reply was being written.',
        detail: 'Your message is saved; the reply will appear here as soon as it is written.',
      });
    }
  }

  /** Applies one event; returns true when the turn is over. */
  apply(type, data, hooks) {
    switch (type) {
      case 'tool_call': {
        const item = h('li', { class: 'activity__item' }, phrases(data.tool, data.arguments)[0]);
        this.calls.set(data.callId, { item, tool: data.tool, args: data.arguments });
        this.activity.append(item);
        return false;
      }
      case 'tool_result': {
        const call = this.calls.get(data.callId);
        if (call) {
          call.item.textContent = phrases(call.tool, call.args, data.outcome)[1];
          call.item.classList.add('activity__item--done');
        }
        return false;
      }
      case 'delta':
        this.text.append(data.text ?? '');
        this.bubble.scrollIntoView({ block: 'end' });
        return false;
      case 'handoff':
        hooks.status('awaiting_human');
        return false;
      case 'status':
        // A person holds the thread: the message went to them and no bot reply follows.
        hooks.status(data.status, data.messageId);
        return false;
      case 'error':
        this.bubble.append(h('p', { class: 'msg__error' }, data.detail || 'Something went wrong while answering.'));
        return true;
      case 'done':
        if (data.messageId && this.hasText) {
          this.bubble.dataset.id = data.messageId;
          hooks.stored(data.messageId);
        }
        return true;
      default:
        return false;
    }
  }

  /** Ends the busy state; a bubble that never got any content goes away. */
  finish() {
    this.typing.remove();
    this.bubble.removeAttribute('aria-busy');
    if (!this.hasText && !this.activity.childElementCount && !this.bubble.querySelector('.msg__error')) this.bubble.remove();
  }
}
