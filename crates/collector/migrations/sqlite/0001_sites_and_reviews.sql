-- Sites are the department web sites that embed the widgets.
CREATE TABLE sites (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    -- SHA-256 of the site secret, hex. The secret itself is shown once and never stored.
    secret_hash TEXT NOT NULL,
    -- HMAC key for review tokens, derived from the secret (see secret.rs).
    token_key   TEXT NOT NULL,
    config      TEXT NOT NULL DEFAULT '{}',
    created_at  INTEGER NOT NULL
);

CREATE TABLE site_origins (
    site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    origin  TEXT NOT NULL,
    PRIMARY KEY (site_id, origin)
);
CREATE INDEX site_origins_by_origin ON site_origins (origin);

CREATE TABLE reviews (
    id              INTEGER PRIMARY KEY,
    receipt         TEXT NOT NULL UNIQUE,
    site_id         TEXT NOT NULL REFERENCES sites (id),
    service_code    TEXT NOT NULL,
    rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    dimensions      TEXT NOT NULL,
    reasons         TEXT NOT NULL,
    comment         TEXT,
    channel         INTEGER NOT NULL CHECK (channel BETWEEN 1 AND 7),
    verified        BOOLEAN NOT NULL,
    idempotency_key TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    UNIQUE (site_id, idempotency_key)
);
CREATE INDEX reviews_by_site_service ON reviews (site_id, service_code, created_at);
