package chat.transport;

import chat.ChatConfig;
import chat.fanout.FlushPacer;
import chat.ops.ChatMetrics;
import chat.session.Session;
import chat.session.Transport;
import io.vertx.core.Vertx;

/** What a listener needs from the event loop whose connections it accepts. */
public interface LoopSessions {

  ChatConfig chatConfig();

  Vertx vertx();

  ChatMetrics metrics();

  /** When this loop writes its sockets. */
  FlushPacer pacer();

  /** Takes a connection slot for {@code address}, or returns the line that refuses the connection. */
  String admit(String address);

  /** A session over {@code transport}, admitted from {@code address}: tracked until {@link #closed}. */
  Session open(Transport transport);

  /** The session's connection is gone: its slot is free again. */
  void closed(Session session, String address);
}
