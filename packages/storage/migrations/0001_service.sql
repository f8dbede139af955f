-- The service's schema. Conversations are keyed by a uuid derived from (source, external id), so
-- every process computes the same key without asking the database, and a re-run of an import
-- finds what an earlier run stored. Times are timestamptz; durations are milliseconds.

CREATE TABLE teams (
  id text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agents (
  id text PRIMARY KEY,
  name text,
  team_id text REFERENCES teams (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agents_team ON agents (team_id);

CREATE TABLE customers (
  id text PRIMARY KEY,
  name text,
  is_vip boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE conversations (
  id uuid PRIMARY KEY,
  source text NOT NULL,
  external_id text NOT NULL,
  channel text NOT NULL,
  language text,
  queue text,
  tags text[] NOT NULL DEFAULT '{}',
  industry text,
  customer_id text,
  -- The agent who wrote most of the replies: reports attribute the conversation to them.
  agent_id text,
  agent_ids text[] NOT NULL DEFAULT '{}',
  team_id text,
  status text NOT NULL DEFAULT 'closed' CHECK (status IN ('open', 'closed')),
  started_at timestamptz NOT NULL,
  ended_at timestamptz NOT NULL,
  message_count integer NOT NULL DEFAULT 0,
  csat smallint CHECK (csat BETWEEN 1 AND 5),
  rating_comment text,
  is_resolved boolean,
  ticket jsonb,
  meta jsonb,
  events jsonb NOT NULL DEFAULT '[]',
  -- The analysis, copied out of analyses.result so filters and reports read plain columns.
  score real,
  max_score real,
  is_passed boolean,
  is_fatal boolean,
  has_alert boolean NOT NULL DEFAULT false,
  scorecard text,
  scorecard_version text,
  first_response_ms bigint,
  is_sla_met boolean,
  handle_ms bigint,
  customer_end_emotion text,
  customer_end_polarity real,
  customer_trend text,
  agent_messages integer NOT NULL DEFAULT 0,
  agent_emoji integer NOT NULL DEFAULT 0,
  agent_emoji_messages integer NOT NULL DEFAULT 0,
  agent_emoji_while_negative integer NOT NULL DEFAULT 0,
  customer_emoji integer NOT NULL DEFAULT 0,
  predicted_csat real,
  hit_rules text[] NOT NULL DEFAULT '{}',
  analysed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, external_id)
) WITH (fillfactor = 85);
-- Live messages rewrite a conversation's row many times; room on the page lets PostgreSQL update
-- it in place (HOT) when no indexed column changed.
CREATE INDEX conversations_started ON conversations (started_at DESC, id);
CREATE INDEX conversations_agent ON conversations (agent_id, started_at DESC);
CREATE INDEX conversations_team ON conversations (team_id, started_at DESC);
CREATE INDEX conversations_agents ON conversations USING gin (agent_ids);
CREATE INDEX conversations_tags ON conversations USING gin (tags);
CREATE INDEX conversations_hits ON conversations USING gin (hit_rules);

CREATE TABLE messages (
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  -- The message id from the source, or m<position> when the source gave none.
  external_id text NOT NULL,
  seq integer NOT NULL,
  at timestamptz NOT NULL,
  role text NOT NULL CHECK (role IN ('customer', 'agent', 'bot', 'system')),
  author_id text,
  -- Stored after PII redaction when redaction is on.
  text text NOT NULL,
  duration_ms integer,
  PRIMARY KEY (conversation_id, external_id)
);

-- The whole analysis result (DESIGN §4) of the conversation's latest analysis. json, not jsonb:
-- it is only ever read whole, and json stores in about half the time (measured on both drivers).
CREATE TABLE analyses (
  conversation_id uuid PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  result json NOT NULL,
  rule_set_version bigint,
  analysed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rule_hits (
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  rule text NOT NULL,
  name text NOT NULL,
  category text NOT NULL,
  severity text NOT NULL,
  points real NOT NULL,
  is_fatal boolean NOT NULL DEFAULT false,
  agent_id text,
  started_at timestamptz NOT NULL,
  evidence json NOT NULL DEFAULT '[]',
  PRIMARY KEY (conversation_id, rule)
);
CREATE INDEX rule_hits_rule ON rule_hits (rule, started_at DESC);

-- Scores people give, kept apart from the automatic score in conversations.score.
CREATE TABLE reviews (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  reviewer_id bigint NOT NULL,
  score real NOT NULL,
  -- Per-rule verdicts that overrule the automatic ones: [{rule, verdict: hit|pass|na, comment}].
  verdicts jsonb NOT NULL DEFAULT '[]',
  comment text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reviews_conversation ON reviews (conversation_id);

-- Rule files (scorecards and their rules, DESIGN §6). Every change is a new version; the
-- published version of every active rule set is what analysis uses.
CREATE TABLE rule_sets (
  id text PRIMARY KEY,
  name text NOT NULL,
  published_version integer,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rule_set_versions (
  rule_set_id text NOT NULL REFERENCES rule_sets (id) ON DELETE CASCADE,
  version integer NOT NULL,
  source text NOT NULL,
  file_name text NOT NULL,
  note text,
  created_by bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (rule_set_id, version)
);

-- One row per change of what is published: analyses record which generation scored them.
CREATE TABLE rule_generations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE alerts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  rule text NOT NULL,
  name text NOT NULL,
  severity text NOT NULL,
  agent_id text,
  team_id text,
  evidence jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_by bigint,
  acknowledged_at timestamptz,
  -- A live rule raises one alert per conversation, however many messages it holds on.
  UNIQUE (conversation_id, rule)
);
CREATE INDEX alerts_created ON alerts (created_at DESC);

CREATE TABLE webhooks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  url text NOT NULL,
  preset text NOT NULL DEFAULT 'generic' CHECK (preset IN ('generic', 'dingtalk', 'wecom', 'slack')),
  secret text,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  webhook_id bigint NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  alert_id bigint NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  attempt integer NOT NULL,
  status integer,
  error text,
  duration_ms integer,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_deliveries_alert ON webhook_deliveries (alert_id);

CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'qa_manager', 'reviewer', 'supervisor', 'agent')),
  password_hash text NOT NULL,
  -- The agent id in conversations that an agent user is; an agent sees only these conversations.
  agent_id text,
  -- The teams a supervisor sees.
  team_ids text[] NOT NULL DEFAULT '{}',
  is_disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  -- sha256 of the cookie value: a leaked table does not log anyone in.
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  -- The first characters, so people can tell their tokens apart.
  prefix text NOT NULL,
  scopes text[] NOT NULL,
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  -- 'user:<id>', 'token:<id>' or 'system'.
  actor text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb
);
CREATE INDEX audit_log_at ON audit_log (at DESC);

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Jobs with progress that people watch (re-scoring, imports); the queue itself is pg-boss's.
CREATE TABLE jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  params jsonb NOT NULL DEFAULT '{}',
  total integer,
  done integer NOT NULL DEFAULT 0,
  error text,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
