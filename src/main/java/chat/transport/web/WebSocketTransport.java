package chat.transport.web;

import chat.fanout.FlushMark;
import chat.fanout.FlushPacer;
import chat.ops.ChatMetrics;
import chat.protocol.Lines;
import chat.session.Session;
import chat.session.Transport;
import chat.transport.GracefulClose;
import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's connection over a WebSocket: one text frame carries one protocol line each way. Frames
 * go straight to Netty and are flushed by the event loop's {@link FlushPacer}, as TCP output is, so a
 * burst of lines costs one system call; lines of the shared fan-out batch are written as a slice of
 * the loop's {@link FrameBatch}.
 */
final class WebSocketTransport implements Transport, FlushPacer.Flushable {

  private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);
  private static final short NORMAL_CLOSURE = 1000;

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final String remoteAddress;
  private final ChannelHandlerContext channel;
  private final FrameBatch frames;
  private final int maxSendQueueBytes;
  private final Counter cutoffs;
  private Session session;
  private int maxLineBytes;
  private final FlushMark mark;
  private boolean ending;

  WebSocketTransport(Vertx vertx, ServerWebSocket ws, String remoteAddress, FlushPacer pacer, FrameBatch frames,
      int maxSendQueueBytes, Counter cutoffs) {
    this.vertx = vertx;
    this.frames = frames;
    this.ws = ws;
    this.remoteAddress = remoteAddress;
    this.mark = new FlushMark(pacer, this);
    this.maxSendQueueBytes = maxSendQueueBytes;
    this.cutoffs = cutoffs;
    this.channel = ((WebSocketInternal) ws).channelHandlerContext();
  }

  /** Starts reading lines for {@code session}; {@code closed} runs once the connection is closed. */
  void start(Session session, int maxLineBytes, Runnable closed) {
    this.session = session;
    this.maxLineBytes = maxLineBytes;
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(b -> send(Lines.BINARY_FRAME));
    ws.closeHandler(v -> {
      ending = true;
      session.closed();
      closed.run();
    });
    ws.exceptionHandler(e -> log.debug("WebSocket error from {}: {}", remoteAddress, e.toString()));
    session.start();
  }

  @Override
  public void send(String line) {
    if (!ending) {
      channel.write(new TextWebSocketFrame(line), channel.voidPromise());
      mark.output(true);
    }
  }

  @Override
  public void deliver(ByteBuf batch, int from, int to) {
    if (ending) {
      return;
    }
    channel.write(frames.frames(batch, from, to), channel.voidPromise());
    mark.output(false);
  }

  @Override
  public void flush() {
    mark.flushed();
    ChannelOutboundBuffer buffer = channel.channel().unsafe().outboundBuffer();
    if (buffer != null && buffer.totalPendingWriteBytes() > maxSendQueueBytes && !ending) {
      log.warn("{} is not reading: send queue over {} bytes, disconnecting", remoteAddress, maxSendQueueBytes);
      cutoffs.increment();
      abort(); // the close handler announces the departure
      return;
    }
    channel.flush();
  }

  @Override
  public void pauseInput() {
    ws.pause();
  }

  @Override
  public void resumeInput() {
    ws.resume();
  }

  @Override
  public Future<Void> end() {
    if (ending) {
      return Future.succeededFuture();
    }
    ending = true;
    channel.flush();
    return GracefulClose.within(vertx, ws.close(NORMAL_CLOSURE), this::abort);
  }

  @Override
  public void abort() {
    ending = true;
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
    return ws.isSsl();
  }

  @Override
  public String kind() {
    return ws.isSsl() ? ChatMetrics.WSS : ChatMetrics.WS;
  }

  /** A frame holds one line; one holding several (a script's) is taken line by line, as TCP would. */
  private void onText(String text) {
    int from = 0;
    while (from <= text.length()) {
      int end = text.indexOf('\n', from);
      if (end < 0) {
        end = text.length();
      }
      int stop = end > from && text.charAt(end - 1) == '\r' ? end - 1 : end;
      String line = text.substring(from, stop);
      if (line.length() > maxLineBytes / 3 && ByteBufUtil.utf8Bytes(line) > maxLineBytes) {
        session.tooLong();
      } else {
        session.line(line);
      }
      from = end + 1;
    }
  }

}
