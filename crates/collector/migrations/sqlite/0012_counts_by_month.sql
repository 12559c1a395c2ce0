-- The counts behind the published figures, one row per site (or service) and day or month
-- (see src/storage/counts/): each row holds, for each level, the ratings in each published
-- set (verified, open, system default, excluded after appeal as mistaken or malicious), and
-- the poor reviews at each point of their follow-up. Every review is counted by the day and
-- by the month it was received, so that a range reads its whole months from the monthly
-- rows and only its edge days from the daily ones: a year of a site's figures reads twelve
-- rows, a department's twelve per service. The open items are keyed by due date first, so
-- that those not yet due (all a stats request reads of them) are one short range. The
-- counts are derived data: the old tables are dropped here and the new ones built from the
-- reviews on the next start (counts_state), as `mingjing stats rebuild` would.
DROP TABLE rating_counts;
DROP TABLE follow_up_counts;
DROP TABLE open_follow_up_counts;
DELETE FROM counts_state;
CREATE TABLE review_counts (
    site_id      TEXT NOT NULL,
    service_code TEXT NOT NULL,
    grain        TEXT NOT NULL CHECK (grain IN ('day', 'month')),
    period       TEXT NOT NULL,
    -- Concurrent writers on PostgreSQL spread over shards, so that reviews of one site and
    -- day do not all wait on one row's lock; a figure sums every shard. SQLite has one
    -- writer and writes shard 0.
    shard        INTEGER NOT NULL,
    verified_1 INTEGER NOT NULL,
    verified_2 INTEGER NOT NULL,
    verified_3 INTEGER NOT NULL,
    verified_4 INTEGER NOT NULL,
    verified_5 INTEGER NOT NULL,
    open_1 INTEGER NOT NULL,
    open_2 INTEGER NOT NULL,
    open_3 INTEGER NOT NULL,
    open_4 INTEGER NOT NULL,
    open_5 INTEGER NOT NULL,
    system_default_1 INTEGER NOT NULL,
    system_default_2 INTEGER NOT NULL,
    system_default_3 INTEGER NOT NULL,
    system_default_4 INTEGER NOT NULL,
    system_default_5 INTEGER NOT NULL,
    mistaken_1 INTEGER NOT NULL,
    mistaken_2 INTEGER NOT NULL,
    mistaken_3 INTEGER NOT NULL,
    mistaken_4 INTEGER NOT NULL,
    mistaken_5 INTEGER NOT NULL,
    malicious_1 INTEGER NOT NULL,
    malicious_2 INTEGER NOT NULL,
    malicious_3 INTEGER NOT NULL,
    malicious_4 INTEGER NOT NULL,
    malicious_5 INTEGER NOT NULL,
    poor INTEGER NOT NULL,
    poor_named INTEGER NOT NULL,
    poor_called_back INTEGER NOT NULL,
    poor_confirmed INTEGER NOT NULL,
    poor_rectified INTEGER NOT NULL,
    poor_closed INTEGER NOT NULL,
    poor_closed_on_time INTEGER NOT NULL,
    poor_still_open INTEGER NOT NULL,
    PRIMARY KEY (site_id, service_code, grain, period, shard)
) WITHOUT ROWID;
-- Poor reviews not yet closed, by due date and the day they were received.
CREATE TABLE open_follow_up_counts (
    site_id      TEXT NOT NULL,
    service_code TEXT NOT NULL,
    due_date     TEXT NOT NULL,
    day          TEXT NOT NULL,
    shard        INTEGER NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (site_id, service_code, due_date, day, shard)
) WITHOUT ROWID;
