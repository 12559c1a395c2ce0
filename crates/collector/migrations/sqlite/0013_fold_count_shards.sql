-- PostgreSQL writers spread their counts over shards (see 0012); a periodic job folds the
-- shards of a closed day or month into shard 0, so that a figure over past periods reads
-- one row per service and period. These partial indexes find what is left to fold, and
-- stay small: only the rows of the periods not yet folded are in them. SQLite writes
-- shard 0 only, so its indexes stay empty; they are here so that both schemas match.
CREATE INDEX review_counts_to_fold ON review_counts (grain, period) WHERE shard > 0;
CREATE INDEX open_follow_up_counts_to_fold ON open_follow_up_counts (day) WHERE shard > 0;
