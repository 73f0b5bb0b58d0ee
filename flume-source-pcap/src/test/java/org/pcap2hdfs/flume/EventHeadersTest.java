package org.pcap2hdfs.flume;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** EventHeaders behaves as a HashMap would, through random puts, removes and iteration. */
class EventHeadersTest {

  @Test
  void behavesLikeAHashMap() {
    Random random = new Random(1);
    for (int round = 0; round < 200; round++) {
      EventHeaders ours = new EventHeaders(4);
      Map<String, String> theirs = new HashMap<>();
      for (int op = 0; op < 50; op++) {
        String key = "k" + random.nextInt(12);
        String value = "v" + random.nextInt(100);
        switch (random.nextInt(4)) {
          case 0:
          case 1:
            assertThat(ours.put(key, value)).isEqualTo(theirs.put(key, value));
            break;
          case 2:
            assertThat(ours.remove(key)).isEqualTo(theirs.remove(key));
            break;
          default:
            Iterator<Map.Entry<String, String>> it = ours.entrySet().iterator();
            while (it.hasNext()) {
              Map.Entry<String, String> e = it.next();
              if (e.getKey().equals(key)) {
                it.remove();
                theirs.remove(key);
              }
            }
        }
        assertThat(ours).isEqualTo(theirs);
        assertThat(ours.get(key)).isEqualTo(theirs.get(key));
        assertThat(ours.size()).isEqualTo(theirs.size());
      }
    }
  }

  @Test
  void entriesCanBeUpdatedThroughTheIterator() {
    EventHeaders h = new EventHeaders(2);
    h.put("a", "1");
    h.put("b", "2");
    h.entrySet().forEach(e -> e.setValue(e.getValue() + "!"));
    assertThat(h).containsEntry("a", "1!").containsEntry("b", "2!");
  }
}
