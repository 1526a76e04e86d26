package chat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.protocol.Lines;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket chat client for tests: one text frame per line, read as a blocking queue of lines. */
public final class WsClient implements AutoCloseable {

  /** Stands for the end of the connection in the queue. */
  private static final String CLOSED = "\u0000closed";

  private final WebSocketClient client;
  private final WebSocket ws;
  private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

  private WsClient(WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(frames::add);
    ws.closeHandler(v -> frames.add(CLOSED));
  }

  /** Connects to {@code ws://127.0.0.1:port/ws} (or wss with {@code tls}), sending {@code origin} when not null. */
  public static Future<WsClient> open(Vertx vertx, int port, String origin, WebSocketClientOptions options) {
    WebSocketClient client = vertx.createWebSocketClient(options);
    WebSocketConnectOptions connect = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws")
        .setSsl(options.isSsl());
    if (origin != null) {
      connect.addHeader("Origin", origin);
    }
    return client.connect(connect).map(ws -> new WsClient(client, ws));
  }

  public static WsClient connect(Vertx vertx, int port) {
    return await(open(vertx, port, "http://127.0.0.1:" + port, new WebSocketClientOptions()));
  }

  /** Connects and logs in as {@code name}, checking the prompt and the welcome line. */
  public static WsClient login(Vertx vertx, int port, String name) {
    WsClient client = connect(vertx, port);
    client.expect(Lines.PROMPT);
    client.send(name);
    client.expect(Lines.welcome(name));
    return client;
  }

  /** The next line; fails the test if none arrives in time, null once the connection closed. */
  public String readLine() {
    try {
      String frame = frames.poll(LineClient.WAIT_MILLIS, TimeUnit.MILLISECONDS);
      if (frame == null) {
        throw new AssertionError("no frame within " + LineClient.WAIT_MILLIS + " ms");
      }
      if (frame.equals(CLOSED)) {
        frames.add(CLOSED);
        return null;
      }
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public void expect(String line) {
    assertEquals(line, readLine());
  }

  public String readUntil(java.util.function.Predicate<String> wanted) {
    while (true) {
      String line = readLine();
      if (line == null) {
        throw new AssertionError("connection closed while waiting for a line");
      }
      if (wanted.test(line)) {
        return line;
      }
    }
  }

  public void expectClosed() {
    assertEquals(null, readLine());
  }

  public void send(String text) {
    await(ws.writeTextMessage(text));
  }

  public void sendBinary(byte[] bytes) {
    await(ws.writeBinaryMessage(Buffer.buffer(bytes)));
  }

  @Override
  public void close() {
    try {
      ws.close().await(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // already closed
    }
    client.close();
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.await(LineClient.WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
