-- Who approved a call (token claim approved_by) and the proposal it carried out (X-Proposal-Id), on every call.
ALTER TABLE tool_calls ADD COLUMN IF NOT EXISTS approved_by text;
ALTER TABLE tool_calls ADD COLUMN IF NOT EXISTS proposal_id text;
