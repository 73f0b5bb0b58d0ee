-- Customer zones for the local default: the customer interceptor's embedded H2 database runs this
-- script at every refresh (jdbc:h2:mem:customers;INIT=RUNSCRIPT FROM 'conf/customers/customer-zones.sql'),
-- so edits here show up at the next refresh without a restart. Plain SQL that PostgreSQL accepts too.
-- The interceptor's query reads columns 1-3: zone, customer id, customer name. A name belongs to its
-- longest matching zone (www.wild.example.ca -> wild.example.ca, not example.ca).
-- The zones match the bundled sample capture (generated__knot-example.ca-geo.pcap).
DROP TABLE IF EXISTS customer_zones;
CREATE TABLE customer_zones (
  zone          VARCHAR(255) PRIMARY KEY,
  customer_id   VARCHAR(64)  NOT NULL,
  customer_name VARCHAR(255) NOT NULL
);
INSERT INTO customer_zones (zone, customer_id, customer_name) VALUES
  ('example.ca',        'C001', 'Example Registry'),
  ('wild.example.ca',   'C002', 'Wildcard Hosting Inc.'),
  ('bigtxt.example.ca', 'C003', 'Big TXT Records Ltd.'),
  ('example.net',       'C004', 'Example Networks'),
  ('example.org',       'C005', 'Example Organisation');
