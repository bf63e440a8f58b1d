-- One turn at a time per thread, across replicas, without holding a connection: a lease on the thread row
-- (ARCHITECTURE.md §5). A turn takes it with one UPDATE ... WHERE the lease is free or expired, renews it while it
-- runs, and gives it back in the statement that finishes the turn. A process that dies simply stops renewing: once
-- lease_until has passed, any live process may take the thread over and finish the turn left running.
ALTER TABLE threads ADD COLUMN IF NOT EXISTS lease_owner text;
ALTER TABLE threads ADD COLUMN IF NOT EXISTS lease_until timestamptz;

-- The recovery service looks for turns left running; they are few, so a partial index keeps that scan free.
CREATE INDEX IF NOT EXISTS turns_running ON turns (received_at) WHERE status = 'running';

-- A customer message sent while a person holds the thread has no turn; its Idempotency-Key lives on the message.
ALTER TABLE messages ADD COLUMN IF NOT EXISTS client_key text;
CREATE UNIQUE INDEX IF NOT EXISTS messages_client_key ON messages (thread_id, client_key) WHERE client_key IS NOT NULL;
