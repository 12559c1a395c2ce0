-- Business-environment supervisors (Art. 67), their observations, each observation's
-- append-only history, and photos (stored with their metadata stripped).
CREATE TABLE supervisors (
    id          INTEGER PRIMARY KEY,
    site_id     TEXT NOT NULL REFERENCES sites (id),
    name        TEXT NOT NULL,
    affiliation TEXT NOT NULL,
    term_start  TEXT NOT NULL,
    term_end    TEXT NOT NULL,
    code_hash   TEXT NOT NULL,
    active      BOOLEAN NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE observations (
    id              INTEGER PRIMARY KEY,
    site_id         TEXT NOT NULL REFERENCES sites (id),
    supervisor_id   INTEGER NOT NULL REFERENCES supervisors (id),
    idempotency_key TEXT NOT NULL,
    department      TEXT NOT NULL,
    service         TEXT,
    place           TEXT NOT NULL,
    observed_at     TEXT NOT NULL,
    method          TEXT NOT NULL,
    chapter         TEXT NOT NULL,
    article         INTEGER,
    description     TEXT NOT NULL,
    stage           TEXT NOT NULL,
    due_date        TEXT,
    reopened        INTEGER NOT NULL,
    confirmed       BOOLEAN NOT NULL,
    submitted_at    INTEGER NOT NULL,
    submitted_day   TEXT NOT NULL,
    rectified_day   TEXT,
    UNIQUE (supervisor_id, idempotency_key)
);
CREATE INDEX observations_by_site ON observations (site_id, stage);

CREATE TABLE observation_events (
    id             INTEGER PRIMARY KEY,
    observation_id INTEGER NOT NULL REFERENCES observations (id),
    at             INTEGER NOT NULL,
    role           TEXT NOT NULL,
    actor          TEXT NOT NULL,
    kind           TEXT NOT NULL,
    note           TEXT NOT NULL,
    department     TEXT,
    due_date       TEXT
);
CREATE INDEX observation_events_by_observation ON observation_events (observation_id, id);

CREATE TABLE observation_photos (
    id             INTEGER PRIMARY KEY,
    supervisor_id  INTEGER NOT NULL REFERENCES supervisors (id),
    observation_id INTEGER REFERENCES observations (id),
    media_type     TEXT NOT NULL,
    data           BLOB NOT NULL,
    created_at     INTEGER NOT NULL
);
CREATE INDEX observation_photos_by_observation ON observation_photos (observation_id);
