package org.pcap2hdfs.flume;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The headers of one event: a handful of entries in two small arrays, searched linearly. A full
 * {@code HashMap} per event (table, one node per entry) cost as much as the rest of building the
 * event; this is one object and two arrays, and still a mutable {@code Map} for interceptors and
 * sinks.
 */
final class EventHeaders extends AbstractMap<String, String> {
  private String[] keys;
  private String[] values;
  private int size;

  EventHeaders(int capacity) {
    keys = new String[capacity];
    values = new String[capacity];
  }

  private int indexOf(Object key) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public String get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public String put(String key, String value) {
    Objects.requireNonNull(key, "header name");
    int i = indexOf(key);
    if (i >= 0) {
      String old = values[i];
      values[i] = value;
      return old;
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2 + 1);
      values = Arrays.copyOf(values, size * 2 + 1);
    }
    keys[size] = key;
    values[size++] = value;
    return null;
  }

  @Override
  public String remove(Object key) {
    int i = indexOf(key);
    if (i < 0) {
      return null;
    }
    String old = values[i];
    removeAt(i);
    return old;
  }

  private void removeAt(int i) {
    System.arraycopy(keys, i + 1, keys, i, size - i - 1);
    System.arraycopy(values, i + 1, values, i, size - i - 1);
    size--;
    keys[size] = null;
    values[size] = null;
  }

  @Override
  public void clear() {
    Arrays.fill(keys, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int next;
          private int last = -1;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Map.Entry<String, String> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            last = next++;
            int at = last;
            return new SimpleEntry<>(keys[at], values[at]) {
              private static final long serialVersionUID = 1L;

              @Override
              public String setValue(String value) {
                values[at] = value;
                return super.setValue(value);
              }
            };
          }

          @Override
          public void remove() {
            if (last < 0) {
              throw new IllegalStateException();
            }
            removeAt(last);
            next = last;
            last = -1;
          }
        };
      }
    };
  }
}
