package org.apache.avro.file;

/**
 * Opens Avro's codecs by name for the compaction's strict container reader. Lives in Avro's package
 * because {@link CodecFactory#createInstance()} is protected there; the shaded action jar relocates
 * it together with Avro.
 */
public final class AvroCodecs {
  private AvroCodecs() {}

  /** The codec of a container file's {@code avro.codec} entry (null, deflate, snappy, ...). */
  public static Codec byName(String name) {
    return CodecFactory.fromString(name).createInstance();
  }
}
