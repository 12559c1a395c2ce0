-- Who exported or looked at personal data, when, and why.
CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    site_id TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    reason  TEXT NOT NULL,
    at      INTEGER NOT NULL
);
CREATE INDEX audit_log_by_site ON audit_log (site_id, at);
