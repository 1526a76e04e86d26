package chat.client;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A scripted stand-in for the chat server: name prompt (refusing {@link #taken} names), echo,
 * {@code /users}, goodbye on quit; "kick", "flooded", "drop" and "flood" misbehave.
 */
final class FakeChatServer {

  /** Every line received, from every connection, in arrival order. */
  final List<String> received = new CopyOnWriteArrayList<>();
  /** Names answered with the "already taken" line and the prompt again. */
  volatile Set<String> taken = Set.of();
  /** The lines that answer {@code /users}, given the asker's name. */
  volatile Function<String, List<String>> users = name -> List.of("Online users (1): " + name);
  /** New connections get the prompt once this completes. */
  volatile Future<Void> promptWhen = Future.succeededFuture();
  private final List<NetSocket> sockets = new CopyOnWriteArrayList<>();
  private final List<Promise<Void>> closes = new ArrayList<>();
  private int accepted;
  private NetServer server;

  static Future<FakeChatServer> start(Vertx vertx) {
    return start(vertx, new NetServerOptions());
  }

  static Future<FakeChatServer> start(Vertx vertx, NetServerOptions options) {
    FakeChatServer fake = new FakeChatServer();
    fake.server = vertx.createNetServer(options).connectHandler(fake::session);
    return fake.server.listen(0).map(fake);
  }

  int port() {
    return server.actualPort();
  }

  Future<Void> close() {
    return server.close();
  }

  /** Completes when the {@code n}th connection (from 0) has closed. */
  Future<Void> closed(int n) {
    return closing(n).future();
  }

  /** How many connections the fake has accepted. */
  synchronized int accepted() {
    return accepted;
  }

  private synchronized Promise<Void> closing(int n) {
    while (closes.size() <= n) {
      closes.add(Promise.promise());
    }
    return closes.get(n);
  }

  private void session(NetSocket socket) {
    Promise<Void> closed;
    synchronized (this) {
      closed = closing(accepted++);
    }
    String[] name = {null};
    sockets.add(socket);
    socket.closeHandler(v -> {
      sockets.remove(socket);
      closed.tryComplete();
    });
    promptWhen.onSuccess(v -> socket.write("Enter your username:\n"));
    socket.handler(RecordParser.newDelimited("\n", buffer -> {
      String line = buffer.toString(StandardCharsets.UTF_8);
      received.add(line);
      if (name[0] == null) {
        if (taken.contains(line)) {
          socket.write("Username '" + line + "' is already taken.\nEnter your username:\n");
        } else {
          name[0] = line;
          socket.write("Welcome, " + line + "!\r\n");
        }
      } else if (line.equals("quit") || line.equals("/quit")) {
        socket.end(Buffer.buffer("Goodbye, " + name[0] + "!\n"));
      } else if (line.equals("/users")) {
        users.apply(name[0]).forEach(answer -> socket.write(answer + "\n"));
      } else if (line.equals("flood")) {
        socket.write("x".repeat(ClientSession.MAX_LINE_BYTES + 1) + "\n");
      } else if (line.equals("kick")) {
        socket.end(Buffer.buffer("Server is shutting down. Goodbye!\n"));
      } else if (line.equals("flooded")) {
        socket.end(Buffer.buffer("Disconnected: flooding.\n"));
      } else if (line.equals("drop")) {
        socket.close();
      } else {
        socket.write(name[0] + ": " + line + "\n");
      }
    }).maxRecordSize(64 * 1024));
  }

  /** Runs the fake on a fixed port for trying the client by hand, sending a line every 2 s to everyone. */
  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    FakeChatServer fake = new FakeChatServer();
    fake.server = vertx.createNetServer().connectHandler(fake::session);
    fake.server.listen(Integer.parseInt(args[0])).await();
    long[] tick = {0};
    vertx.setPeriodic(2000, id -> fake.sockets.forEach(s -> s.write("[tick " + ++tick[0] + "] someone says hi\n")));
    System.out.println("Fake chat server on port " + fake.port());
  }
}
