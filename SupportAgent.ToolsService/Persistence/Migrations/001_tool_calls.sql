-- The tool-call audit: every call an agent makes, recorded before it executes and completed after.
-- (thread_id, call_id) is the replay key: a completed call sent again returns its recorded result unexecuted.
CREATE TABLE IF NOT EXISTS tool_calls (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    thread_id        text NOT NULL,
    turn_id          text,
    call_id          text NOT NULL,
    node             text,
    tool             text NOT NULL,
    customer_id      text NOT NULL,
    arguments        jsonb NOT NULL,
    -- pending: written before executing; a pending row left by a crash is executed again (providers are idempotent).
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed')),
    -- json, not jsonb: it keeps the exact text that was answered, so a replay is byte-identical.
    result           json,
    outcome          text CHECK (outcome IN ('ok', 'not_found', 'refused', 'needs_approval', 'escalated', 'error')),
    idempotency_key  text,
    duration_ms      integer,
    attempts         integer NOT NULL DEFAULT 1,
    started_at       timestamptz NOT NULL DEFAULT now(),
    completed_at     timestamptz,
    UNIQUE (thread_id, call_id)
);

CREATE INDEX IF NOT EXISTS tool_calls_by_thread ON tool_calls (thread_id, started_at);
