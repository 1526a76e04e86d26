package chat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import chat.protocol.Lines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/** A plain blocking TCP client that reads and writes protocol lines, like nc does. */
public final class LineClient implements AutoCloseable {

  /** How long a test waits for an expected line before it fails; a deadline, never a sleep. */
  public static final int WAIT_MILLIS = 15_000;

  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;

  private LineClient(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(WAIT_MILLIS);
    socket.setTcpNoDelay(true);
    this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    this.out = socket.getOutputStream();
  }

  public static LineClient connect(int port) {
    return connect(port, 0);
  }

  /** Connects with a fixed receive buffer (0: the kernel's autotuned default). */
  public static LineClient connect(int port, int receiveBufferBytes) {
    try {
      Socket socket = new Socket();
      if (receiveBufferBytes > 0) {
        socket.setReceiveBufferSize(receiveBufferBytes); // before connect, so the window stays small
      }
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
      return new LineClient(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client on a socket already connected (a TLS one, say). */
  public static LineClient over(Socket connected) {
    try {
      return new LineClient(connected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Connects from {@code localAddress} (such as 127.0.0.2: all of 127/8 is this host) to {@code host}. */
  public static LineClient connectFrom(String localAddress, String host, int port) {
    try {
      Socket socket = new Socket();
      socket.bind(new java.net.InetSocketAddress(localAddress, 0));
      socket.connect(new java.net.InetSocketAddress(host, port));
      return new LineClient(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Connects and logs in as {@code name}, checking the prompt and the welcome line. */
  public static LineClient login(int port, String name) {
    LineClient client = connect(port);
    client.expect(Lines.PROMPT);
    client.send(name);
    client.expect(Lines.welcome(name));
    return client;
  }

  /** The next line; fails the test if none arrives in time, returns null at end of stream. */
  public String readLine() {
    try {
      return in.readLine();
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no line within " + WAIT_MILLIS + " ms");
    } catch (IOException e) {
      return null; // a reset counts as closed
    }
  }

  public void expect(String line) {
    assertEquals(line, readLine());
  }

  /** Skips lines until one matches, and returns it. */
  public String readUntil(Predicate<String> wanted) {
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

  /** Asserts the server closed the connection with nothing more to say. */
  public void expectClosed() {
    assertNull(readLine());
  }

  public void send(String line) {
    sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public void sendRaw(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Socket socket() {
    return socket;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }
}
