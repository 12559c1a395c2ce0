-- The counts behind the published figures, rolled up by month (see src/storage/counts/):
-- every contribution is counted by the day and by the month it was received, so that a
-- range reads its whole months from the monthly rows and only its edge days from the daily
-- ones, and a year of a site's figures reads twelve rows per combination. The open items
-- are keyed by due date first, so that what is not yet due (all a stats request reads of
-- them) is one short range. The counts are derived data: they are dropped here and built
-- from the reviews on the next start (counts_state), as `mingjing stats rebuild` would.
DROP TABLE rating_counts;
DROP TABLE follow_up_counts;
DROP TABLE open_follow_up_counts;
DELETE FROM counts_state;
CREATE TABLE rating_counts (
    site_id        TEXT NOT NULL,
    service_code   TEXT NOT NULL,
    grain          TEXT NOT NULL CHECK (grain IN ('day', 'month')),
    period         TEXT NOT NULL,
    rating         BIGINT NOT NULL,
    verified       BOOLEAN NOT NULL,
    system_default BOOLEAN NOT NULL,
    excluded_as    TEXT NOT NULL,
    n              BIGINT NOT NULL,
    PRIMARY KEY (site_id, service_code, grain, period, rating, verified, system_default, excluded_as)
);
-- Poor reviews by where their follow-up stands.
CREATE TABLE follow_up_counts (
    site_id        TEXT NOT NULL,
    service_code   TEXT NOT NULL,
    grain          TEXT NOT NULL CHECK (grain IN ('day', 'month')),
    period         TEXT NOT NULL,
    named          BOOLEAN NOT NULL,
    called_back    BOOLEAN NOT NULL,
    confirmed      BOOLEAN NOT NULL,
    rectified      BOOLEAN NOT NULL,
    closed         BOOLEAN NOT NULL,
    closed_on_time BOOLEAN NOT NULL,
    still_open     BOOLEAN NOT NULL,
    n              BIGINT NOT NULL,
    PRIMARY KEY (site_id, service_code, grain, period, named, called_back, confirmed, rectified, closed,
                 closed_on_time, still_open)
);
-- Poor reviews not yet closed, by due date and the day they were received.
CREATE TABLE open_follow_up_counts (
    site_id      TEXT NOT NULL,
    service_code TEXT NOT NULL,
    due_date     TEXT NOT NULL,
    day          TEXT NOT NULL,
    n            BIGINT NOT NULL,
    PRIMARY KEY (site_id, service_code, due_date, day)
);
