-- Threads, messages and turns: the conversation as customers and agents see it.
CREATE TABLE IF NOT EXISTS threads (
    id               text PRIMARY KEY,
    customer_id      text NOT NULL,
    status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'awaiting_human', 'with_human', 'resolved')),
    lane             text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_activity_at timestamptz NOT NULL DEFAULT now(),
    resolved_at      timestamptz,
    resolution       text CHECK (resolution IN ('customer_confirmed', 'agent_resolved', 'inactivity')),
    had_handoff      boolean NOT NULL DEFAULT false,
    -- The checkpoint at the end of the last completed turn: the next turn, or a retry of a cut-off one, resumes here.
    checkpoint_id    text
);
CREATE INDEX IF NOT EXISTS threads_customer ON threads (customer_id, last_activity_at DESC);
CREATE INDEX IF NOT EXISTS threads_open_activity ON threads (last_activity_at) WHERE status <> 'resolved';

CREATE TABLE IF NOT EXISTS messages (
    id         text PRIMARY KEY,
    thread_id  text NOT NULL REFERENCES threads (id),
    seq        bigserial,
    role       text NOT NULL CHECK (role IN ('customer', 'assistant', 'agent', 'system')),
    author     text,
    text       text NOT NULL,
    turn_id    text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS messages_thread ON messages (thread_id, seq);
-- A retried turn must not store the customer's message or the reply twice.
CREATE UNIQUE INDEX IF NOT EXISTS messages_turn_role ON messages (turn_id, role) WHERE turn_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS turns (
    id               text PRIMARY KEY,
    thread_id        text NOT NULL REFERENCES threads (id),
    client_key       text,
    status           text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
    lane             text,
    received_at      timestamptz NOT NULL DEFAULT now(),
    first_reply_at   timestamptz,
    completed_at     timestamptz,
    input_tokens     bigint NOT NULL DEFAULT 0,
    output_tokens    bigint NOT NULL DEFAULT 0,
    cost             numeric(14, 6) NOT NULL DEFAULT 0,
    error_code       text
);
CREATE INDEX IF NOT EXISTS turns_thread ON turns (thread_id, received_at);
CREATE UNIQUE INDEX IF NOT EXISTS turns_client_key ON turns (thread_id, client_key) WHERE client_key IS NOT NULL;

-- The human queue.
CREATE TABLE IF NOT EXISTS handoffs (
    id          text PRIMARY KEY,
    thread_id   text NOT NULL REFERENCES threads (id),
    status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'claimed', 'resolved', 'returned')),
    reason      text NOT NULL,
    lane        text NOT NULL,
    summary     text NOT NULL,
    priority    int NOT NULL DEFAULT 2,
    request_id  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    claimed_by  text,
    claimed_at  timestamptz,
    closed_at   timestamptz,
    note        text
);
-- One open handoff per thread (DESIGN.md §4).
CREATE UNIQUE INDEX IF NOT EXISTS handoffs_one_open ON handoffs (thread_id) WHERE status IN ('open', 'claimed');
CREATE INDEX IF NOT EXISTS handoffs_queue ON handoffs (status, priority, created_at);

CREATE TABLE IF NOT EXISTS feedback (
    thread_id  text PRIMARY KEY REFERENCES threads (id),
    rating     int NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment    text,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The live event stream of a thread (GET /api/threads/{id}/events), durable so Last-Event-ID can resume
-- across reconnects and across Api replicas.
CREATE TABLE IF NOT EXISTS thread_events (
    id         bigserial PRIMARY KEY,
    thread_id  text NOT NULL REFERENCES threads (id),
    type       text NOT NULL,
    data       jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS thread_events_thread ON thread_events (thread_id, id);

-- Agent Framework checkpoints, one per super-step, keyed by thread (the workflow session). json, not jsonb:
-- the framework's deserializer needs "$type" metadata to stay the first property, and jsonb reorders keys.
CREATE TABLE IF NOT EXISTS workflow_checkpoints (
    session_id    text NOT NULL,
    checkpoint_id text NOT NULL,
    parent_id     text,
    seq           bigserial,
    data          json NOT NULL,
    size_bytes    int NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, checkpoint_id)
);
CREATE INDEX IF NOT EXISTS workflow_checkpoints_latest ON workflow_checkpoints (session_id, seq DESC);
