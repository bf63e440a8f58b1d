-- The money ledger: every refund and reship the ToolsService sent to a provider, one row per provider key
-- (refund:{orderId}:{proposalId}, reship:{orderId}:{proposalId}). Written under the order's advisory lock, before the
-- provider is called (pending) and completed after, so the cap and the daily ceiling see every money action, including
-- one a crashed process left half-way, and a retried proposal finds what it already did.
CREATE TABLE IF NOT EXISTS money_actions (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key  text NOT NULL UNIQUE,
    kind             text NOT NULL CHECK (kind IN ('refund', 'reship')),
    order_id         bigint NOT NULL,
    customer_id      text NOT NULL,
    amount_cents     bigint NOT NULL DEFAULT 0,
    proposal_id      text NOT NULL,
    thread_id        text NOT NULL,
    call_id          text NOT NULL,
    -- The agent who approved it (token claim approved_by); null for an automatic action.
    approved_by      text,
    -- pending: sent or about to be sent; done: the provider confirmed (provider_ref); rejected: the provider refused,
    -- no money moved; unconfirmed: the provider could not be reached after retries.
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'rejected', 'unconfirmed')),
    provider_ref     text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    completed_at     timestamptz
);

CREATE INDEX IF NOT EXISTS money_actions_by_order ON money_actions (order_id);
CREATE INDEX IF NOT EXISTS money_actions_by_customer_day ON money_actions (customer_id, created_at);
