-- The published figures, kept up to date in the same transaction as every change that
-- moves them (see src/storage/counts/), so that a stats request reads counts, never the
-- reviews. Every review counts twice: under its service, and under service_code '' for the
-- whole site, so that a site's figures read days × a few dozen rows whatever the number of
-- services, and one service's figures read only that service's rows. Filled from the reviews on the first start after
-- this migration (counts_state), and again by `mingjing stats rebuild`.
CREATE TABLE rating_counts (
    site_id        TEXT NOT NULL,
    day            TEXT NOT NULL,
    service_code   TEXT NOT NULL,
    rating         BIGINT NOT NULL,
    verified       BOOLEAN NOT NULL,
    system_default BOOLEAN NOT NULL,
    excluded_as    TEXT NOT NULL,
    n              BIGINT NOT NULL,
    PRIMARY KEY (site_id, service_code, day, rating, verified, system_default, excluded_as)
);
-- Poor reviews by where their follow-up stands.
CREATE TABLE follow_up_counts (
    site_id        TEXT NOT NULL,
    day            TEXT NOT NULL,
    service_code   TEXT NOT NULL,
    named          BOOLEAN NOT NULL,
    called_back    BOOLEAN NOT NULL,
    confirmed      BOOLEAN NOT NULL,
    rectified      BOOLEAN NOT NULL,
    closed         BOOLEAN NOT NULL,
    closed_on_time BOOLEAN NOT NULL,
    n              BIGINT NOT NULL,
    PRIMARY KEY (site_id, service_code, day, named, called_back, confirmed, rectified, closed, closed_on_time)
);
-- Poor reviews not yet closed, by due date: what is overdue depends on today.
CREATE TABLE open_follow_up_counts (
    site_id      TEXT NOT NULL,
    day          TEXT NOT NULL,
    service_code TEXT NOT NULL,
    due_date     TEXT NOT NULL,
    n            BIGINT NOT NULL,
    PRIMARY KEY (site_id, service_code, day, due_date)
);
-- One row once the counts have been built from the reviews.
CREATE TABLE counts_state (
    version  BIGINT PRIMARY KEY,
    built_at BIGINT NOT NULL
);
