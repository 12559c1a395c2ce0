-- Department staff who answer poor reviews on the desk. Access codes are stored only as
-- argon2 hashes.
CREATE TABLE staff (
    id         INTEGER PRIMARY KEY,
    site_id    TEXT NOT NULL REFERENCES sites (id),
    name       TEXT NOT NULL,
    code_hash  TEXT NOT NULL,
    active     BOOLEAN NOT NULL,
    created_at INTEGER NOT NULL
);

-- Short-lived sign-in sessions (staff now, supervisors later). Only a hash of the token.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    role         TEXT NOT NULL,
    principal_id INTEGER NOT NULL,
    site_id      TEXT NOT NULL,
    expires_at   INTEGER NOT NULL,
    created_at   INTEGER NOT NULL
);

-- Failed sign-ins per site and client, for lockout.
CREATE TABLE sign_in_failures (
    attempt_key  TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    locked_until INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

-- The reviewer's call-back contact, encrypted with the collector's contact key; the
-- masked phone (138****1234) is what staff see by default.
ALTER TABLE reviews ADD COLUMN contact_sealed TEXT;
ALTER TABLE reviews ADD COLUMN contact_phone_masked TEXT;
-- Follow-up of a poor review; all NULL for other reviews.
ALTER TABLE reviews ADD COLUMN stage TEXT;
ALTER TABLE reviews ADD COLUMN due_date TEXT;
ALTER TABLE reviews ADD COLUMN called_back BOOLEAN;
ALTER TABLE reviews ADD COLUMN verification TEXT;
ALTER TABLE reviews ADD COLUMN outcome TEXT;
ALTER TABLE reviews ADD COLUMN plan_due TEXT;
ALTER TABLE reviews ADD COLUMN rectified_at INTEGER;
ALTER TABLE reviews ADD COLUMN reply TEXT;
ALTER TABLE reviews ADD COLUMN closed_at INTEGER;
CREATE INDEX reviews_follow_up ON reviews (site_id, stage, due_date);

-- Append-only history of every follow-up step and every reveal of a phone number.
CREATE TABLE review_events (
    id        INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews (id),
    kind      TEXT NOT NULL,
    actor     TEXT NOT NULL,
    note      TEXT NOT NULL,
    data      TEXT NOT NULL,
    at        INTEGER NOT NULL
);
CREATE INDEX review_events_by_review ON review_events (review_id, id);
