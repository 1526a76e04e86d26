package chat.transport.tcp;

import chat.ChatConfig;
import chat.ops.ChatMetrics;
import chat.session.Session;
import chat.transport.LoopSessions;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.ArrayList;
import java.util.List;

/** The chat's TCP listeners on one event loop, plain and (when enabled) TLS: each connection gets a session. */
public final class TcpListener {

  private final LoopSessions loop;
  private final ChatConfig config;
  private final Counter cutoffs;
  private NetServer plain;
  private NetServer tls;

  public TcpListener(LoopSessions loop) {
    this.loop = loop;
    this.config = loop.chatConfig();
    this.cutoffs = loop.metrics().sendQueueCutoffs(ChatMetrics.TCP);
  }

  public Future<?> listen() {
    List<Future<?>> ready = new ArrayList<>();
    plain = server(options());
    ready.add(listen(plain, config.port, -1));
    if (config.tlsEnabled) {
      tls = server(options().setSsl(true)
          .setKeyCertOptions(new PemKeyCertOptions().setCertPath(config.tlsCertPath).setKeyPath(config.tlsKeyPath)));
      ready.add(listen(tls, config.tlsPort, -2));
    }
    return Future.all(ready);
  }

  public int port(boolean secure) {
    NetServer server = secure ? tls : plain;
    return server == null ? -1 : server.actualPort();
  }

  public Future<?> close() {
    return Future.join(plain == null ? Future.succeededFuture() : plain.close(),
        tls == null ? Future.succeededFuture() : tls.close());
  }

  private NetServerOptions options() {
    return new NetServerOptions().setHost(config.host).setTcpNoDelay(true).setTcpKeepAlive(true)
        .setAcceptBacklog(4096).setReuseAddress(true);
  }

  private NetServer server(NetServerOptions options) {
    return loop.vertx().createNetServer(options).connectHandler(this::accept);
  }

  /** Port 0 asks for a random port; a negative one makes every event loop's listener share the same random port. */
  private Future<NetServer> listen(NetServer server, int port, int sharedRandomPort) {
    return server.listen(port == 0 ? sharedRandomPort : port, config.host);
  }

  private void accept(NetSocket socket) {
    String address = socket.remoteAddress().hostAddress();
    String refusal = loop.admit(address);
    if (refusal != null) {
      socket.write(refusal + "\n").onComplete(r -> socket.close());
      return;
    }
    KeepAlive.tune(socket, config.deadPeerSeconds);
    TcpTransport transport = new TcpTransport(loop.vertx(), socket, address, loop.pacer(), config.maxSendQueueBytes, cutoffs);
    Session session = loop.open(transport);
    transport.start(session, config.maxLineBytes, () -> loop.closed(session, address));
  }
}
