-- Completed service transactions (办件) that departments register for verified reviews,
-- and which tell the lookup how long a service really takes.
CREATE TABLE transactions (
    site_id         TEXT NOT NULL REFERENCES sites (id),
    transaction_no  TEXT NOT NULL,
    service_code    TEXT NOT NULL,
    accepted_at     BIGINT NOT NULL,
    completed_at    BIGINT NOT NULL,
    promised_amount BIGINT,
    promised_unit   TEXT,
    overdue_reason  TEXT,
    channel         BIGINT NOT NULL,
    registered_at   BIGINT NOT NULL,
    PRIMARY KEY (site_id, transaction_no)
);
CREATE INDEX transactions_by_service ON transactions (site_id, service_code, completed_at);

ALTER TABLE reviews ADD COLUMN transaction_no TEXT;
ALTER TABLE reviews ADD COLUMN evaluation_no BIGINT;
-- One review per (transaction, evaluation number): 一事一评. Open reviews have NULLs,
-- which never collide.
CREATE UNIQUE INDEX reviews_one_per_evaluation ON reviews (site_id, transaction_no, evaluation_no);
