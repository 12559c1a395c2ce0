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
    shard        BIGINT NOT NULL,
    verified_1 BIGINT NOT NULL,
    verified_2 BIGINT NOT NULL,
    verified_3 BIGINT NOT NULL,
    verified_4 BIGINT NOT NULL,
    verified_5 BIGINT NOT NULL,
    open_1 BIGINT NOT NULL,
    open_2 BIGINT NOT NULL,
    open_3 BIGINT NOT NULL,
    open_4 BIGINT NOT NULL,
    open_5 BIGINT NOT NULL,
    system_default_1 BIGINT NOT NULL,
    system_default_2 BIGINT NOT NULL,
    system_default_3 BIGINT NOT NULL,
    system_default_4 BIGINT NOT NULL,
    system_default_5 BIGINT NOT NULL,
    mistaken_1 BIGINT NOT NULL,
    mistaken_2 BIGINT NOT NULL,
    mistaken_3 BIGINT NOT NULL,
    mistaken_4 BIGINT NOT NULL,
    mistaken_5 BIGINT NOT NULL,
    malicious_1 BIGINT NOT NULL,
    malicious_2 BIGINT NOT NULL,
    malicious_3 BIGINT NOT NULL,
    malicious_4 BIGINT NOT NULL,
    malicious_5 BIGINT NOT NULL,
    poor BIGINT NOT NULL,
    poor_named BIGINT NOT NULL,
    poor_called_back BIGINT NOT NULL,
    poor_confirmed BIGINT NOT NULL,
    poor_rectified BIGINT NOT NULL,
    poor_closed BIGINT NOT NULL,
    poor_closed_on_time BIGINT NOT NULL,
    poor_still_open BIGINT NOT NULL,
    PRIMARY KEY (site_id, service_code, grain, period, shard)
);
CREATE INDEX review_counts_to_fold ON review_counts (grain, period) WHERE shard > 0;
