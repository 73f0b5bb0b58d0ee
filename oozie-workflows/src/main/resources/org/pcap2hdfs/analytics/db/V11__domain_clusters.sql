-- K-means++ clusters of registered domains over a window [window_start, window_end), with the
-- domain's first two principal components (standardised features).
CREATE TABLE domain_clusters (
  window_start TIMESTAMP WITH TIME ZONE NOT NULL,
  window_end TIMESTAMP WITH TIME ZONE NOT NULL,
  domain VARCHAR(1024) NOT NULL,
  cluster integer NOT NULL,
  pc1 double precision NOT NULL,
  pc2 double precision NOT NULL,
  PRIMARY KEY (window_start, window_end, domain)
);
-- One row per cluster: its size, centroid in the features' original units (members' means),
-- the busiest example domains (space-separated) and the window's mean silhouette.
CREATE TABLE domain_cluster_profiles (
  window_start TIMESTAMP WITH TIME ZONE NOT NULL,
  window_end TIMESTAMP WITH TIME ZONE NOT NULL,
  cluster integer NOT NULL,
  size bigint NOT NULL,
  queries double precision NOT NULL,
  sources double precision NOT NULL,
  servers double precision NOT NULL,
  rcodes double precision NOT NULL,
  qtypes double precision NOT NULL,
  nxdomain_share double precision NOT NULL,
  public_resolver_share double precision NOT NULL,
  examples VARCHAR(8192) NOT NULL,
  silhouette double precision NOT NULL,
  PRIMARY KEY (window_start, window_end, cluster)
);
