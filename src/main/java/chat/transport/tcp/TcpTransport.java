package chat.transport.tcp;

import chat.fanout.FlushPacer;
import chat.ops.ChatMetrics;
import chat.session.Session;
import chat.session.Transport;
import chat.transport.GracefulClose;
import io.netty.buffer.ByteBuf;
import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A session's connection over a TCP socket, plain or TLS: framing lines in, queued writes out. */
final class TcpTransport implements Transport {

  private static final Logger log = LoggerFactory.getLogger(TcpTransport.class);

  private final Vertx vertx;
  private final NetSocket socket;
  private final String remoteAddress;
  private final ChannelHandlerContext channel;
  private final Outbox outbox;
  private final int maxSendQueueBytes;
  private final Counter cutoffs;
  private LineFramer framer;
  private Session session;
  private boolean ending;

  TcpTransport(Vertx vertx, NetSocket socket, String remoteAddress, FlushPacer pacer, int maxSendQueueBytes, Counter cutoffs) {
    this.vertx = vertx;
    this.socket = socket;
    this.remoteAddress = remoteAddress;
    this.maxSendQueueBytes = maxSendQueueBytes;
    this.cutoffs = cutoffs;
    // Writes go straight to Netty from this context so that flushes can be batched per iteration.
    this.channel = ((NetSocketInternal) socket).channelHandlerContext();
    this.outbox = new Outbox(channel, pacer, maxSendQueueBytes, this::stalled);
  }

  /** Starts reading lines for {@code session}; {@code closed} runs once the socket is closed. */
  void start(Session session, int maxLineBytes, Runnable closed) {
    this.session = session;
    this.framer = new LineFramer(maxLineBytes, new LineFramer.Sink() {
      @Override
      public void line(String line) {
        session.line(line);
      }

      @Override
      public void tooLong() {
        session.tooLong();
      }
    });
    socket.setWriteQueueMaxSize(maxSendQueueBytes);
    if (!socket.isSsl()) {
      EndOfInput.install(channel); // TLS ends with close_notify; a bare end of input there is a drop
    }
    socket.handler(this::onData);
    socket.closeHandler(v -> {
      ending = true;
      outbox.discard();
      session.closed();
      closed.run();
    });
    socket.exceptionHandler(e -> log.debug("Socket error from {}: {}", remoteAddress, e.toString()));
    session.start();
  }

  @Override
  public void send(String line) {
    outbox.line(line);
  }

  @Override
  public void deliver(ByteBuf batch, int from, int to) {
    outbox.shared(batch, from, to);
  }

  @Override
  public void pauseInput() {
    socket.pause();
  }

  @Override
  public void resumeInput() {
    socket.resume();
  }

  /**
   * Closes after what is queued has been written; a peer that does not read would hold that
   * forever, so after a grace period the socket is dropped without flushing.
   */
  @Override
  public Future<Void> end() {
    ending = true;
    outbox.flush();
    outbox.seal();
    return GracefulClose.within(vertx, socket.close(), this::abort);
  }

  @Override
  public void abort() {
    ending = true;
    outbox.discard();
    // From Vert.x's own handler context, so the close skips its flush-before-close step.
    channel.close();
  }

  @Override
  public boolean ending() {
    return ending;
  }

  @Override
  public String remoteAddress() {
    return remoteAddress;
  }

  @Override
  public boolean secure() {
    return socket.isSsl();
  }

  @Override
  public String kind() {
    return socket.isSsl() ? ChatMetrics.TLS : ChatMetrics.TCP;
  }

  private void onData(Buffer data) {
    if (data.length() == 0) {
      session.inputEnded(); // see EndOfInput: everything the client sent is already here
    } else {
      framer.feed(data);
    }
  }

  private void stalled() {
    log.warn("{} is not reading: send queue over {} bytes, disconnecting", remoteAddress, maxSendQueueBytes);
    cutoffs.increment();
    abort(); // the close handler announces the departure
  }
}
