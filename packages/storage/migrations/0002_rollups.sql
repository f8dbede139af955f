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
-- Histograms are one column per bucket (summing columns is several times faster than summing array
-- elements): fr_00–fr_39 count first responses (fr_00: under 1 s, fr_01–fr_38: log-spaced from
-- 1 s to 24 h, fr_39: 24 h or more), score_0–score_9 scored conversations by score / max_score in
-- steps of 10 % (a full score in score_9).

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
  fr_00 integer NOT NULL, fr_01 integer NOT NULL, fr_02 integer NOT NULL, fr_03 integer NOT NULL,
  fr_04 integer NOT NULL, fr_05 integer NOT NULL, fr_06 integer NOT NULL, fr_07 integer NOT NULL,
  fr_08 integer NOT NULL, fr_09 integer NOT NULL, fr_10 integer NOT NULL, fr_11 integer NOT NULL,
  fr_12 integer NOT NULL, fr_13 integer NOT NULL, fr_14 integer NOT NULL, fr_15 integer NOT NULL,
  fr_16 integer NOT NULL, fr_17 integer NOT NULL, fr_18 integer NOT NULL, fr_19 integer NOT NULL,
  fr_20 integer NOT NULL, fr_21 integer NOT NULL, fr_22 integer NOT NULL, fr_23 integer NOT NULL,
  fr_24 integer NOT NULL, fr_25 integer NOT NULL, fr_26 integer NOT NULL, fr_27 integer NOT NULL,
  fr_28 integer NOT NULL, fr_29 integer NOT NULL, fr_30 integer NOT NULL, fr_31 integer NOT NULL,
  fr_32 integer NOT NULL, fr_33 integer NOT NULL, fr_34 integer NOT NULL, fr_35 integer NOT NULL,
  fr_36 integer NOT NULL, fr_37 integer NOT NULL, fr_38 integer NOT NULL, fr_39 integer NOT NULL,
  sla_judged integer NOT NULL,
  sla_met integer NOT NULL,
  csat_count integer NOT NULL,
  csat_sum integer NOT NULL,
  -- CSAT 4 or 5.
  csat_satisfied integer NOT NULL,
  score_0 integer NOT NULL, score_1 integer NOT NULL, score_2 integer NOT NULL, score_3 integer NOT NULL,
  score_4 integer NOT NULL, score_5 integer NOT NULL, score_6 integer NOT NULL, score_7 integer NOT NULL,
  score_8 integer NOT NULL, score_9 integer NOT NULL,
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
)
-- Refreshes rewrite a few thousand rows at a time: vacuum early, so reads skip no dead rows and
-- index-only scans find their pages all-visible.
WITH (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
-- An agent's or a team's rows of the levels where they are a small part, for reports restricted to
-- them (3: agent and team, 2 and 18: team, 15 and 31: the finest); other levels are small enough to
-- read whole, and every index costs each refresh its inserts.
CREATE INDEX report_rollups_agent ON report_rollups (grain, dims, agent_id, bucket) WHERE dims IN (3, 15, 31);
CREATE INDEX report_rollups_team ON report_rollups (grain, dims, team_id, bucket) WHERE dims IN (2, 15, 18, 31);

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
  -- With the count in the key's index, reports read a level's hours or days from the index alone,
  -- in order, instead of visiting rows strewn over the table.
  PRIMARY KEY (grain, dims, bucket, agent_id, team_id, channel, queue, tag, rule) INCLUDE (hits)
)
WITH (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
-- As for report_rollups; restricted reports read the hits from these indexes alone too.
CREATE INDEX report_hit_rollups_agent ON report_hit_rollups (grain, dims, agent_id, bucket)
  INCLUDE (team_id, channel, queue, tag, rule, hits) WHERE dims IN (3, 15, 31);
CREATE INDEX report_hit_rollups_team ON report_hit_rollups (grain, dims, team_id, bucket)
  INCLUDE (agent_id, channel, queue, tag, rule, hits) WHERE dims IN (2, 15, 31);
