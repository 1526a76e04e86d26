package chat.transport.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared batch framed once: any run of whole lines comes back as exactly its frames. */
class FrameBatchTest {

  private final FrameBatch frames = new FrameBatch();

  @Test
  void runsOfLinesBecomeTheirFramesWhateverTheirLength() {
    List<String> lines = List.of("a: hi", "b: " + "x".repeat(122), "c: " + "y".repeat(123), "d: " + "z".repeat(70_000), "e: bye");
    ByteBuf batch = batch(lines);
    List<Integer> starts = new ArrayList<>();
    for (int i = 0, at = 0; i < lines.size(); at += lines.get(i).length() + 1, i++) {
      starts.add(at);
    }
    starts.add(batch.writerIndex());
    // every run, in the order the fan-out asks: later runs start where earlier ones did or after
    for (int from = 0; from < lines.size(); from++) {
      for (int to = from + 1; to <= lines.size(); to++) {
        ByteBuf run = frames.frames(batch, starts.get(from), starts.get(to));
        assertEquals(lines.subList(from, to), decode(run));
        run.release();
      }
    }
    frames.close();
    assertEquals(1, batch.refCnt(), "only the fan-out's own reference is left");
  }

  @Test
  void aNewBatchStartsAfreshAndLinesAppendedLaterAreFramedWhenAskedFor() {
    ByteBuf first = batch(List.of("a: one"));
    ByteBuf run = frames.frames(first, 0, first.writerIndex());
    assertEquals(List.of("a: one"), decode(run));
    int end = first.writerIndex();
    first.writeBytes("b: two\n".getBytes(StandardCharsets.UTF_8));
    ByteBuf more = frames.frames(first, end, first.writerIndex());
    assertEquals(List.of("b: two"), decode(more));
    ByteBuf second = batch(List.of("c: three"));
    ByteBuf other = frames.frames(second, 0, second.writerIndex());
    assertEquals(List.of("c: three"), decode(other));
    assertEquals(1, first.refCnt(), "the first batch is let go once the next one is framed");
    assertThrows(IllegalArgumentException.class, () -> frames.frames(second, 1, second.writerIndex()));
    for (ByteBuf b : List.of(run, more, other)) {
      b.release();
    }
    frames.close();
  }

  private static ByteBuf batch(List<String> lines) {
    ByteBuf batch = Unpooled.directBuffer(128 * 1024, 128 * 1024);
    for (String line : lines) {
      batch.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return batch;
  }

  /** Unmasked final text frames back into their texts. */
  private static List<String> decode(ByteBuf frames) {
    List<String> texts = new ArrayList<>();
    ByteBuf b = frames.duplicate();
    while (b.isReadable()) {
      assertEquals(0x81, b.readUnsignedByte());
      long length = b.readUnsignedByte();
      if (length == 126) {
        length = b.readUnsignedShort();
      } else if (length == 127) {
        length = b.readLong();
      }
      texts.add(b.readCharSequence((int) length, StandardCharsets.UTF_8).toString());
    }
    return texts;
  }
}
