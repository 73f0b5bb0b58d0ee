package org.pcap2hdfs.compaction.sort;

import java.io.IOException;
import java.util.List;

/** K-way merge of sorted cursors through a binary heap on their current keys. */
final class MergeCursor implements RecordCursor {
  private final RecordCursor[] heap;
  private int size;
  private boolean started;
  private RecordCursor top;

  MergeCursor(List<RecordCursor> inputs) {
    heap = inputs.toArray(new RecordCursor[0]);
  }

  @Override
  public boolean next() throws IOException {
    if (!started) {
      started = true;
      for (RecordCursor c : heap) {
        if (c.next()) {
          heap[size++] = c;
        }
      }
      for (int i = size / 2 - 1; i >= 0; i--) {
        siftDown(i);
      }
    } else if (size > 0) {
      if (!heap[0].next()) {
        heap[0] = heap[--size];
      }
      siftDown(0);
    }
    top = size > 0 ? heap[0] : null;
    return top != null;
  }

  private void siftDown(int i) {
    RecordCursor c = heap[i];
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        break;
      }
      int r = l + 1;
      int m = r < size && less(heap[r], heap[l]) ? r : l;
      if (!less(heap[m], c)) {
        break;
      }
      heap[i] = heap[m];
      i = m;
    }
    if (i < size) {
      heap[i] = c;
    }
  }

  private static boolean less(RecordCursor a, RecordCursor b) {
    return SortKey.compare(
            a.keyArray(), a.keyOffset(), a.keyLength(), b.keyArray(), b.keyOffset(), b.keyLength())
        < 0;
  }

  @Override
  public byte[] keyArray() {
    return top.keyArray();
  }

  @Override
  public int keyOffset() {
    return top.keyOffset();
  }

  @Override
  public int keyLength() {
    return top.keyLength();
  }

  @Override
  public byte[] datumArray() {
    return top.datumArray();
  }

  @Override
  public int datumOffset() {
    return top.datumOffset();
  }

  @Override
  public int datumLength() {
    return top.datumLength();
  }
}
