-- Counts by year too (see src/storage/counts/cover.rs): a range reads its whole years from
-- yearly rows, so a department's figures over several years read a few rows per service
-- instead of twelve a year. Only the grain's CHECK changes, which SQLite cannot alter, so
-- the table is made anew in both dialects; the counts are derived data, rebuilt from the
-- reviews on the next start (counts_state), as `mingjing stats rebuild` would.
DROP TABLE review_counts;
DELETE FROM counts_state;
CREATE TABLE review_counts (
    site_id      TEXT NOT NULL,
    service_code TEXT NOT NULL,
    grain        TEXT NOT NULL CHECK (grain IN ('day', 'month', 'year')),
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
CREATE INDEX review_counts_to_fold ON review_counts (grain, period) WHERE shard > 0;
