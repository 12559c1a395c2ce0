-- Staff who may replace the service catalogue through the desk API (`staff add --catalog-admin`).
ALTER TABLE staff ADD COLUMN catalog_admin BOOLEAN NOT NULL DEFAULT FALSE;
