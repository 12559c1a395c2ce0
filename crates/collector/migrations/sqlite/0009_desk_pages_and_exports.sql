-- The desk lists poor reviews a page at a time, the soonest due first (keyset by due date,
-- then id), so that a site with 100,000 open items answers each page from this index.
CREATE INDEX reviews_desk_page ON reviews (site_id, due_date, id) WHERE stage IS NOT NULL;
-- Exports read a site's reviews in batches by id, resuming after the last id sent.
CREATE INDEX reviews_by_site_and_id ON reviews (site_id, id);
