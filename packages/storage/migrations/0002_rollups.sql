-- Report rollups (packages/services/src/reports). Reports read these instead of conversations so a
-- report over months of data costs the same however many conversations there are.
--
-- Every row sums the conversations whose started_at falls in its bucket: a UTC hour (grain 'hour',
-- built from conversations) or a UTC day (grain 'day', built from the day's hour rows; reports over
-- long ranges read the whole days from it). `dims` says which key columns the row keeps, as bits:
-- 1 agent_id, 2 team_id, 4 channel, 8 queue, 16 tag; a column the row does not keep holds ''. So
-- dims 15 is the finest level (one row per hour, agent, team, channel and queue) and dims 0 the
-- whole hour; small levels (per team, per channel, …) answer the common reports with few rows.
-- A column kept but null in conversations holds '' too (a primary key needs values). Rows with the
-- tag bit count a conversation once under each of its tags; the others count each one once.
-- The histograms are counts per bucket: first_response_hist has 40 (0: under 1 s, 1–38: log-spaced
-- from 1 s to 24 h, 39: 24 h or more), score_hist 10 (score / max_score in steps of 10 %).

CREATE TABLE report_rollups (
  grain text NOT NULL CHECK (grain IN ('hour', 'day')),
  dims smallint NOT NULL,
  bucket timestamptz NOT NULL,
  agent_id text NOT NULL,
  team_id text NOT NULL,
  channel text NOT NULL,
  queue text NOT NULL,
  tag text NOT NULL,
  conversations integer NOT NULL,
  messages bigint NOT NULL,
  -- Conversations with a score, and of those the passed ones.
  scored integer NOT NULL,
  score_sum double precision NOT NULL,
  passed integer NOT NULL,
  fatal integer NOT NULL,
  first_responses integer NOT NULL,
  first_response_hist integer[] NOT NULL,
  sla_judged integer NOT NULL,
  sla_met integer NOT NULL,
  csat_count integer NOT NULL,
  csat_sum integer NOT NULL,
  -- CSAT 4 or 5.
  csat_satisfied integer NOT NULL,
  score_hist integer[] NOT NULL,
  -- The customer's emotion at the end of the conversation (packages/core EMOTIONS).
  end_anger integer NOT NULL,
  end_disgust integer NOT NULL,
  end_fear integer NOT NULL,
  end_joy integer NOT NULL,
  end_sadness integer NOT NULL,
  end_surprise integer NOT NULL,
  end_neutral integer NOT NULL,
  -- Conversations with a customer end polarity, and of those the ones that ended negative
  -- (polarity <= -0.2, where the sentiment scorer's 'negative' label starts).
  customer_ended integer NOT NULL,
  negative_end integer NOT NULL,
  agent_messages integer NOT NULL,
  agent_emoji integer NOT NULL,
  agent_emoji_messages integer NOT NULL,
  agent_emoji_while_negative integer NOT NULL,
  PRIMARY KEY (grain, dims, bucket, agent_id, team_id, channel, queue, tag)
);
-- An agent's or a team's rows of the finest levels (15, and 31 with the tag), for reports restricted
-- to them; the smaller levels are read whole, and every index costs each refresh its inserts.
CREATE INDEX report_rollups_agent ON report_rollups (grain, dims, agent_id, bucket) WHERE dims IN (15, 31);
CREATE INDEX report_rollups_team ON report_rollups (grain, dims, team_id, bucket) WHERE dims IN (15, 31);

-- Conversations that hit each rule, with the same grains and keys as report_rollups (the levels
-- each table keeps are listed in packages/services/src/reports/rollup-levels.ts).
CREATE TABLE report_hit_rollups (
  grain text NOT NULL CHECK (grain IN ('hour', 'day')),
  dims smallint NOT NULL,
  bucket timestamptz NOT NULL,
  agent_id text NOT NULL,
  team_id text NOT NULL,
  channel text NOT NULL,
  queue text NOT NULL,
  tag text NOT NULL,
  rule text NOT NULL,
  hits integer NOT NULL,
  PRIMARY KEY (grain, dims, bucket, agent_id, team_id, channel, queue, tag, rule)
);
CREATE INDEX report_hit_rollups_agent ON report_hit_rollups (grain, dims, agent_id, bucket)
  WHERE dims IN (15, 31);
CREATE INDEX report_hit_rollups_team ON report_hit_rollups (grain, dims, team_id, bucket)
  WHERE dims IN (15, 31);
