-- Example queries over the warehouse table (Impala; the same text runs in DuckDB over the local
-- warehouse, which a test checks). dns.queries is partitioned by year, month, day, server.

-- The view operators use most: queries per anycast location, per hour.
CREATE VIEW IF NOT EXISTS dns.queries_per_location AS
SELECT server, server_location, date_trunc('hour', query_ts) AS hour,
       count(*) AS queries,
       sum(CASE WHEN rcode = 3 THEN 1 ELSE 0 END) AS nxdomain,
       sum(CASE WHEN rcode = -1 THEN 1 ELSE 0 END) AS unanswered
FROM dns.queries
GROUP BY server, server_location, date_trunc('hour', query_ts);

-- Queries per location on one day (partition pruning on year/month/day).
SELECT server_location, sum(queries) AS queries
FROM dns.queries_per_location
WHERE hour >= '2026-11-27 00:00:00' AND hour < '2026-11-28 00:00:00'
GROUP BY server_location ORDER BY queries DESC;

-- Per customer: volume, NXDOMAIN and unanswered shares.
SELECT customer_name, count(*) AS queries,
       round(100.0 * sum(CASE WHEN rcode = 3 THEN 1 ELSE 0 END) / count(*), 2) AS nxdomain_pct,
       round(100.0 * sum(CASE WHEN rcode = -1 THEN 1 ELSE 0 END) / count(*), 2) AS unanswered_pct
FROM dns.queries
WHERE year = 2026 AND month = 11
GROUP BY customer_name ORDER BY queries DESC;

-- Query types and response codes.
SELECT qtype, count(*) AS queries FROM dns.queries GROUP BY qtype ORDER BY queries DESC;
SELECT rcode, count(*) AS queries FROM dns.queries GROUP BY rcode ORDER BY queries DESC;

-- Top client countries and ASNs of the last day.
SELECT country, asn, asn_organisation, count(*) AS queries
FROM dns.queries
WHERE query_ts >= '2026-11-27 00:00:00'
GROUP BY country, asn, asn_organisation ORDER BY queries DESC LIMIT 20;

-- Response time percentiles (microseconds) per location.
SELECT server_location, appx_median(proc_time_us) AS median_us, max(proc_time_us) AS max_us
FROM dns.queries WHERE proc_time_us IS NOT NULL GROUP BY server_location;

-- Re-delivered rows (agent restarts) that reached the table twice across compaction runs.
SELECT count(*) - count(DISTINCT event_id) AS duplicates FROM dns.queries WHERE year = 2026;
