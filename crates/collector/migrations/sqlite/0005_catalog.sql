-- The government-service catalogue (Art. 27): every import is a version; the items hold
-- the current catalogue as the interchange JSON; changes to fees and time limits are kept
-- with their effective dates for each item's public history.
CREATE TABLE catalog_versions (
    id          INTEGER PRIMARY KEY,
    imported_at INTEGER NOT NULL,
    source      TEXT NOT NULL,
    publisher   TEXT NOT NULL,
    demo        BOOLEAN NOT NULL,
    item_count  INTEGER NOT NULL
);

CREATE TABLE catalog_items (
    code       TEXT PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES catalog_versions (id),
    department TEXT NOT NULL,
    item_type  TEXT NOT NULL,
    name       TEXT NOT NULL,
    data       TEXT NOT NULL
);
CREATE INDEX catalog_items_by_department ON catalog_items (department);

CREATE TABLE catalog_changes (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL,
    field          TEXT NOT NULL,
    old_value      TEXT NOT NULL,
    new_value      TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    version_id     INTEGER NOT NULL REFERENCES catalog_versions (id)
);
CREATE INDEX catalog_changes_by_code ON catalog_changes (code, id);
