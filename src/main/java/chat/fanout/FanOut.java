package chat.fanout;

import chat.protocol.FanoutRecords;
import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One event loop's share of the fan-out: the users logged in on it, and the public lines, joins and
 * departures it hands them. Each line is encoded once into a batch shared by every recipient on the
 * loop: users who sent none of a message's lines get the whole stretch in one step (most sockets
 * just extend their run of the batch), and only the senders go line by line, to leave out their own.
 */
public final class FanOut {

  /** A logged-in user as the fan-out sees it. */
  public interface Member {
    /** Bytes {@code [from, to)} of {@code batch}, whole lines, are for this user. */
    void deliver(ByteBuf batch, int from, int to);

    /** One of this user's own public lines came back here (it is not sent back to them). */
    void ownLineBack();
  }

  /**
   * Netty's pooled allocator: the default adaptive one builds a NIO view on every small write, which
   * showed up as a fifth of the fan-out time in profiles.
   */
  public static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;
  /**
   * A batch's capacity is fixed when it is made, so it never moves under the runs already handed
   * out; when a line does not fit, the next batch starts.
   */
  private static final int BATCH_BYTES = 32 * 1024;

  private final Map<String, Seat> online = new HashMap<>();
  /** The same seats as {@link #online}, for iterating; each knows its index. */
  private final List<Seat> seats = new ArrayList<>();
  private final EncodedLines lines = new EncodedLines();
  private final Counter batches;
  private final Counter deliveredLines;
  private ByteBuf batch;
  /** Counts calls to {@link #deliverLines}, to mark the senders of each without a set. */
  private long deliveries;

  /** A user's place in the fan-out, given up with {@link #leave}. */
  public final class Seat {
    private final String key;
    private final Member member;
    private int index;
    private long mark;
    private boolean seated = true;

    private Seat(String key, Member member) {
      this.key = key;
      this.member = member;
    }

    public void leave() {
      if (seated) {
        seated = false;
        remove(this);
      }
    }
  }

  /** Counts each batch handed out in {@code batches}, and the lines it handed to users in {@code deliveredLines}. */
  public FanOut(Counter batches, Counter deliveredLines) {
    this.batches = batches;
    this.deliveredLines = deliveredLines;
  }

  /** {@code member}, known by its case-folded name {@code key}, gets every line from now on. */
  public Seat join(String key, Member member) {
    Seat seat = new Seat(key, member);
    Seat before = online.put(key, seat);
    if (before != null) {
      before.leave(); // a stale seat for the same name: it no longer gets lines
    }
    seat.index = seats.size();
    seats.add(seat);
    return seat;
  }

  /** Hands one fan-out message (see {@link FanoutRecords}) to everyone here. */
  public void records(String body) {
    if (seats.isEmpty()) {
      return; // a loop without users (a listener's share of connections that has none logged in)
    }
    FanoutRecords.forEach(body, this::encodeLine);
    deliverLines();
  }

  /** Lets go of the current batch; runs already handed out keep their own references. */
  public void close() {
    if (batch != null) {
      batch.release();
      batch = null;
    }
  }

  private void remove(Seat seat) {
    online.remove(seat.key, seat);
    Seat last = seats.remove(seats.size() - 1);
    if (last != seat) {
      seats.set(seat.index, last);
      last.index = seat.index;
    }
  }

  private void encodeLine(String body, int exceptStart, int lineStart, int lineEnd) {
    int start = lineStart + 1;
    int room = ByteBufUtil.utf8MaxBytes(lineEnd - start) + 1;
    if (batch != null && batch.writableBytes() < room) {
      deliverLines();
      close();
    }
    if (batch == null) {
      int capacity = Math.max(BATCH_BYTES, room);
      batch = ALLOC.directBuffer(capacity, capacity);
    }
    Seat sender = lineStart > exceptStart ? online.get(body.substring(exceptStart, lineStart)) : null;
    lines.add(batch.writerIndex(), sender);
    ByteBufUtil.writeUtf8(batch, body, start, lineEnd);
    batch.writeByte('\n');
  }

  /** Hands the lines encoded since the last call to their recipients here. */
  private void deliverLines() {
    int count = lines.count;
    if (count == 0) {
      return;
    }
    int from = lines.starts[0];
    int to = batch.writerIndex();
    long mark = ++deliveries;
    List<Seat> senders = lines.senders();
    for (int i = 0; i < senders.size(); i++) {
      senders.get(i).mark = mark;
    }
    for (int i = 0; i < seats.size(); i++) {
      Seat seat = seats.get(i);
      if (seat.mark != mark) {
        seat.member.deliver(batch, from, to);
      }
    }
    for (int i = 0; i < senders.size(); i++) {
      Seat sender = senders.get(i);
      for (int k = 0; k < count; k++) {
        if (lines.from[k] == sender) {
          sender.member.ownLineBack();
        } else {
          sender.member.deliver(batch, lines.starts[k], k + 1 < count ? lines.starts[k + 1] : to);
        }
      }
    }
    batches.increment();
    deliveredLines.increment((double) count * seats.size() - lines.fromHere);
    lines.clear();
  }

  /** Start offsets and senders (null for none here) of the lines just encoded into the batch. */
  private static final class EncodedLines {
    private int count;
    /** Lines whose sender is on this loop: the one seat that does not get them. */
    private int fromHere;
    private int[] starts = new int[64];
    private Seat[] from = new Seat[64];
    private final List<Seat> distinct = new ArrayList<>();

    void add(int start, Seat sender) {
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
        from = Arrays.copyOf(from, count * 2);
      }
      starts[count] = start;
      from[count++] = sender;
      if (sender != null) {
        fromHere++;
      }
    }

    /** The distinct senders among the lines, in order of first appearance. */
    List<Seat> senders() {
      distinct.clear();
      for (int k = 0; k < count; k++) {
        if (from[k] != null && !distinct.contains(from[k])) {
          distinct.add(from[k]);
        }
      }
      return distinct;
    }

    void clear() {
      Arrays.fill(from, 0, count, null);
      count = 0;
      fromHere = 0;
    }
  }
}
