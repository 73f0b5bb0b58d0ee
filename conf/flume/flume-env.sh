# $FLUME_HOME/conf/flume-env.sh for a plain Apache Flume agent running pcap2hdfs.
# Start it with:
#   SPOOL_DIR=/var/spool/dns ... bin/flume-ng agent -n a1 -c conf -f conf/pcap-enrich-to-hdfs.properties
# (the ${NAME} values of the properties file come from the environment set below).

# The throughput collector: decoding ran 7-18 % faster with it than with G1 (README, Performance);
# its pauses do not matter to a spooling agent.
export JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch \
  -DpropertiesImplementation=org.apache.flume.node.EnvVarResolverProperties \
  -Dflume.monitoring.type=http -Dflume.monitoring.port=41414"

# The plugin: tar -xzf pcap2hdfs-flume-plugin-<version>.tar.gz -C $FLUME_HOME
# gives $FLUME_HOME/plugins.d/pcap2hdfs/{lib,libext}, which flume-ng adds to the classpath.

# Hadoop for the HDFS sink: flume-ng adds `hadoop classpath` when HADOOP_HOME is set.
export HADOOP_HOME=${HADOOP_HOME:-/opt/hadoop}

export SPOOL_DIR=/var/spool/dns
export MIN_FILE_AGE_MS=10000
export SCHEMA_URL=hdfs:///data/dns/schemas/dns_query.avsc
export GEOIP_CITY_DB=/var/lib/GeoIP/GeoLite2-City.mmdb
export GEOIP_ASN_DB=/var/lib/GeoIP/GeoLite2-ASN.mmdb
export CUSTOMER_JDBC_URL='jdbc:postgresql://customers-db.example:5432/dns?connectTimeout=10'
export CUSTOMER_DB_USER=flume
export CUSTOMER_DB_PASSWORD_FILE=/etc/flume/customer-db.password
export RESOLVER_LIST=$FLUME_HOME/conf/public-resolvers.txt
export CHANNEL_DIR=/var/lib/flume/pcap2hdfs-channel
export STAGING_URI=hdfs:///data/dns/staging
export FILE_PREFIX="dns-$(hostname -s)"
export IDLE_TIMEOUT_S=120
