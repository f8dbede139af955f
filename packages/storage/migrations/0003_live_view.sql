-- Which alerts a webhook receives: empty lists take every rule and every severity.
ALTER TABLE webhooks
  ADD COLUMN rules text[] NOT NULL DEFAULT '{}',
  ADD COLUMN severities text[] NOT NULL DEFAULT '{}';

-- The live view lists open conversations; closed ones are nearly all of the table. started_at, not
-- ended_at: live messages move ended_at, and an index on it would stop their row updates being HOT.
CREATE INDEX conversations_open ON conversations (started_at DESC, id) WHERE status = 'open';
