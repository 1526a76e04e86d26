package chat.transport.web;

import chat.ChatConfig;
import chat.ops.ChatMetrics;
import chat.session.Session;
import chat.transport.LoopSessions;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener on one event loop (and HTTPS beside it when TLS is on): the browser page from
 * the jar's {@code web/} folder at {@code /}, and WebSocket sessions at {@code /ws}.
 */
public final class WebListener {

  private static final Logger log = LoggerFactory.getLogger(WebListener.class);
  static final String WS_PATH = "/ws";

  private final LoopSessions loop;
  private final ChatConfig config;
  private final FrameBatch frames = new FrameBatch();
  private final Counter cutoffs;
  private final Counter refusedOrigin;
  private HttpServer plain;
  private HttpServer tls;

  public WebListener(LoopSessions loop) {
    this.loop = loop;
    this.config = loop.chatConfig();
    this.cutoffs = loop.metrics().sendQueueCutoffs(ChatMetrics.WS);
    this.refusedOrigin = loop.metrics().refused(ChatMetrics.ORIGIN);
  }

  public Future<?> listen() {
    List<Future<?>> ready = new ArrayList<>();
    plain = server(options(), false);
    ready.add(plain.listen(config.httpPort == 0 ? -3 : config.httpPort, config.host));
    if (config.tlsEnabled) {
      tls = server(options().setSsl(true)
          .setKeyCertOptions(new PemKeyCertOptions().setCertPath(config.tlsCertPath).setKeyPath(config.tlsKeyPath)), true);
      ready.add(tls.listen(config.httpsPort == 0 ? -4 : config.httpsPort, config.host));
    }
    return Future.all(ready);
  }

  public int port(boolean secure) {
    HttpServer server = secure ? tls : plain;
    return server == null ? -1 : server.actualPort();
  }

  public Future<?> close() {
    return Future.join(plain == null ? Future.succeededFuture() : plain.close(),
        tls == null ? Future.succeededFuture() : tls.close()).onComplete(r -> frames.close());
  }

  /**
   * Frames up to a few times the line limit reach the session, which answers an over-long one with
   * the usual line; a bigger one is refused by Vert.x itself (close code 1009), so memory stays bounded.
   */
  private HttpServerOptions options() {
    int maxFrame = Math.max(64 * 1024, 4 * config.maxLineBytes);
    return new HttpServerOptions().setHost(config.host).setTcpNoDelay(true).setReuseAddress(true).setAcceptBacklog(4096)
        .setMaxWebSocketFrameSize(maxFrame).setMaxWebSocketMessageSize(maxFrame)
        .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false);
  }

  /** WebSocket handshakes are taken before routing, so the session gets Vert.x's own WebSocket, not a wrapper. */
  private HttpServer server(HttpServerOptions options, boolean secure) {
    Router router = Router.router(loop.vertx());
    router.route(WS_PATH).handler(ctx -> ctx.response().setStatusCode(400).end("This address takes WebSocket connections only.\n"));
    router.route().handler(StaticHandler.create("web").setCachingEnabled(true));
    return loop.vertx().createHttpServer(options)
        .webSocketHandshakeHandler(handshake -> handshake(handshake, secure))
        .webSocketHandler(this::accept)
        .requestHandler(router);
  }

  private void handshake(ServerWebSocketHandshake handshake, boolean secure) {
    if (!WS_PATH.equals(handshake.path())) {
      handshake.reject(404);
      return;
    }
    String origin = handshake.headers().get("Origin");
    if (!Origins.allowed(origin, handshake.headers().get("Host"), secure, config.allowedOrigins)) {
      log.warn("Refused a WebSocket from {}: origin {} is not allowed", handshake.remoteAddress().hostAddress(), origin);
      refusedOrigin.increment();
      handshake.reject(403);
      return;
    }
    handshake.accept();
  }

  private void accept(ServerWebSocket ws) {
    String address = ws.remoteAddress().hostAddress();
    String refusal = loop.admit(address);
    if (refusal != null) {
      ws.writeTextMessage(refusal).eventually(() -> ws.close());
      return;
    }
    WebSocketTransport transport = new WebSocketTransport(loop.vertx(), ws, address, loop.pacer(), frames,
        config.maxSendQueueBytes, cutoffs);
    Session session = loop.open(transport);
    transport.start(session, config.maxLineBytes, () -> loop.closed(session, address));
  }
}
