-- 申诉复核: a review found mistaken (误评) or malicious (恶意) leaves the rating figures once
-- a second member of staff, an approver, confirms the request. Nothing is deleted.
ALTER TABLE staff ADD COLUMN approver BOOLEAN NOT NULL DEFAULT FALSE;
-- Set when an exclusion is approved: the category the figures count it under.
ALTER TABLE reviews ADD COLUMN excluded_as TEXT;

-- Every request and its decision; `approved` is NULL while it waits.
CREATE TABLE review_exclusions (
    id           INTEGER PRIMARY KEY,
    review_id    INTEGER NOT NULL REFERENCES reviews (id),
    category     TEXT NOT NULL,
    reason       TEXT NOT NULL,
    requested_by INTEGER NOT NULL REFERENCES staff (id),
    requested_at INTEGER NOT NULL,
    decided_by   INTEGER REFERENCES staff (id),
    decided_at   INTEGER,
    approved     BOOLEAN
);
-- At most one request per review is waiting or approved; refused ones stay beside it.
CREATE UNIQUE INDEX review_exclusions_one_standing ON review_exclusions (review_id)
    WHERE approved IS NULL OR approved;
