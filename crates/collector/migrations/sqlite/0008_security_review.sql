-- Issue 11, the outside security review.

-- The review-token key is kept sealed with the collector's key (see seal.rs), and after
-- `mingjing site rotate-secret` the previous one keeps verifying tokens until
-- `previous_valid_until` (ms), so links already sent still work for a stated grace period.
ALTER TABLE sites ADD COLUMN previous_token_key TEXT;
ALTER TABLE sites ADD COLUMN previous_valid_until INTEGER NOT NULL DEFAULT 0;

-- Sessions end after an idle time as well as at their expiry.
ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sessions_by_principal ON sessions (role, principal_id);

-- Sign-in attempts are pruned once their window has passed.
CREATE INDEX sign_in_failures_by_lock ON sign_in_failures (locked_until);

-- Staff who administer their site's desk: they read its audit log.
ALTER TABLE staff ADD COLUMN site_admin BOOLEAN NOT NULL DEFAULT FALSE;

-- Security events carry the client as a keyed hash, never the address itself.
ALTER TABLE audit_log ADD COLUMN client TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_log_by_time ON audit_log (at);

-- Open reviews per site and hour, from all clients and all collectors together. Each
-- collector reserves a block of the hour's allowance at a time (see open_review_limit.rs).
CREATE TABLE open_review_quota (
    site_id  TEXT NOT NULL,
    hour     INTEGER NOT NULL,
    reserved INTEGER NOT NULL,
    PRIMARY KEY (site_id, hour)
);
