package chat.session;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;

/**
 * What a {@link Session} needs from the connection it runs on, whatever kind of socket that is. All
 * calls come from the connection's event loop. The transport calls the session back with what it
 * reads ({@link Session#line}, {@link Session#tooLong}, {@link Session#inputEnded}) and when the
 * connection is gone ({@link Session#closed}).
 */
public interface Transport {

  /** Queues one of the session's own lines; it goes out at the end of this event-loop iteration. */
  void send(String line);

  /** Queues bytes {@code [from, to)} of the event loop's shared fan-out batch: whole lines, each ending in a newline. */
  void deliver(ByteBuf batch, int from, int to);

  /** Stops reading from the peer until {@link #resumeInput}. */
  void pauseInput();

  void resumeInput();

  /** Writes what is queued and closes; nothing queued later is sent. Completes once closed. */
  Future<Void> end();

  /** Drops the connection at once, discarding what is queued. */
  void abort();

  /** {@link #end} or {@link #abort} has been called: nothing more will be sent. */
  boolean ending();

  String remoteAddress();

  boolean secure();

  /** The {@code transport} label of this connection's metrics: {@code tcp}, {@code tls}, {@code ws} or {@code wss}. */
  String kind();
}
