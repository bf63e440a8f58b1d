-- The trace of the customer turn that made the call, so an audit row leads straight to its trace in the dashboard.
ALTER TABLE tool_calls ADD COLUMN IF NOT EXISTS trace_id text;
