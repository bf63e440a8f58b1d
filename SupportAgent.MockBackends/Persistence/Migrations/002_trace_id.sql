-- The trace that moved the money or shipped the parcel: a payment or reship leads back to the customer turn.
ALTER TABLE refunds ADD COLUMN IF NOT EXISTS trace_id text;
ALTER TABLE reships ADD COLUMN IF NOT EXISTS trace_id text;
