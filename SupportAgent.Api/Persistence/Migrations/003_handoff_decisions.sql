-- A handoff that needs a person's decision carries the proposed action (issue 19): {proposalId, kind, tool, orderId,
-- amount, reason, customerReason}, as the console shows it and the approve / deny endpoints check it.
ALTER TABLE handoffs ADD COLUMN IF NOT EXISTS proposal jsonb;

-- Every way out of a handoff is recorded: resolved, returned to the bot, or the proposal approved or denied.
ALTER TABLE handoffs DROP CONSTRAINT IF EXISTS handoffs_status_check;
ALTER TABLE handoffs ADD CONSTRAINT handoffs_status_check
    CHECK (status IN ('open', 'claimed', 'resolved', 'returned', 'approved', 'denied'));
