package org.pcap2hdfs.staging;

import java.io.IOException;
import java.io.InputStream;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Reads a schema file from HDFS. Its own class, so that Hadoop is loaded only by agents that name
 * an {@code hdfs://} schema (those that run the HDFS sink, which has Hadoop on its classpath).
 */
final class HadoopSchemaFile {
  private HadoopSchemaFile() {}

  static Schema read(String url) throws IOException {
    Path path = new Path(url);
    try (InputStream in = path.getFileSystem(new Configuration()).open(path)) {
      return new Schema.Parser().parse(in);
    }
  }
}
