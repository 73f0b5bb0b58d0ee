-- Points of the traffic series that the spike detector flagged (class high or spike).
-- series: '<family>:<key>' (location:ams, qtype:16, src:192.0.2.1, prefix:192.0.2.0/24,
-- unanswered:all, unsolicited:all); "interval": bucket length in seconds; ts: bucket start (UTC);
-- baseline: seasonal median; score: (value - baseline) / robust scale (negative for drops).
CREATE TABLE anomalies (
  series VARCHAR(1024) NOT NULL,
  "interval" integer NOT NULL,
  ts TIMESTAMP WITH TIME ZONE NOT NULL,
  value double precision NOT NULL,
  baseline double precision NOT NULL,
  score double precision NOT NULL,
  class VARCHAR(16) NOT NULL CHECK (class IN ('regular', 'high', 'spike')),
  PRIMARY KEY (series, "interval", ts)
);
CREATE INDEX anomalies_interval_ts ON anomalies ("interval", ts);
