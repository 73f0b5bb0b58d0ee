-- The days aggregated, with the fingerprint (SHA-256 of its Parquet files' paths and sizes) of the
-- warehouse day they were computed from: a day whose fingerprint changed is recomputed.
CREATE TABLE aggregated_days (
  day DATE NOT NULL PRIMARY KEY,
  fingerprint VARCHAR(64) NOT NULL,
  files INT NOT NULL,
  computed_at TIMESTAMP NOT NULL
);
