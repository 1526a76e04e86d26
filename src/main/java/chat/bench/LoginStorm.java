package chat.bench;

import chat.protocol.Lines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Password logins for the accounts benchmark: {@code logins --register N} makes accounts
 * {@code PREFIX0..N-1}; {@code logins N} then logs all of them in at once, each with its password,
 * and reports logins per second and the login times. Blocking sockets, one thread per user: it
 * measures the server's hashing, not a client's efficiency.
 */
public final class LoginStorm {

  private static final String USAGE = "usage: logins [--register] [--host H] [--port P] [--prefix P] N";

  private LoginStorm() {
  }

  public static int run(String[] args) {
    String host = "127.0.0.1";
    int port = 5555;
    String prefix = "acct";
    boolean register = false;
    int n = -1;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--register" -> register = true;
          case "--host" -> host = args[++i];
          case "--port" -> port = Integer.parseInt(args[++i]);
          case "--prefix" -> prefix = args[++i];
          default -> n = Integer.parseInt(args[i]);
        }
      }
    } catch (RuntimeException e) {
      System.err.println(USAGE);
      return 2;
    }
    if (n < 1) {
      System.err.println(USAGE);
      return 2;
    }
    String h = host;
    int p = port;
    String pre = prefix;
    ExecutorService threads = Executors.newFixedThreadPool(register ? 4 : n);
    CountDownLatch ready = new CountDownLatch(register ? 0 : n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Long>> logins = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = pre + i;
      boolean reg = register;
      logins.add(threads.submit(() -> reg ? register(h, p, name) : login(h, p, name, ready, go)));
    }
    try {
      ready.await();
      long start = System.nanoTime();
      go.countDown();
      long[] millis = new long[n];
      for (int i = 0; i < n; i++) {
        millis[i] = logins.get(i).get(120, TimeUnit.SECONDS);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Arrays.sort(millis);
      System.out.printf(Locale.ROOT, "{\"%s\": %d, \"seconds\": %.3f, \"perSecond\": %.1f, \"p50Ms\": %d, \"p99Ms\": %d, \"maxMs\": %d}%n",
          register ? "registered" : "logins", n, seconds, n / seconds, millis[n / 2], millis[(int) Math.ceil(n * 0.99) - 1], millis[n - 1]);
      return 0;
    } catch (Exception e) {
      System.err.println("logins failed: " + e);
      return 1;
    } finally {
      threads.shutdownNow();
    }
  }

  static String password(String name) {
    return "bench-password-" + name;
  }

  private static long register(String host, int port, String name) throws IOException {
    long start = System.nanoTime();
    try (Conn c = new Conn(host, port)) {
      c.expect(Lines.PROMPT);
      c.send(name);
      c.expect(Lines.welcome(name));
      c.send("/register " + password(name));
      c.expect(Lines.registered(name));
      c.send("quit");
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  /** Connects and waits at the prompt; at {@code go} logs in; the connection stays open until every login is done. */
  private static long login(String host, int port, String name, CountDownLatch ready, CountDownLatch go) throws Exception {
    Conn c = new Conn(host, port);
    c.expect(Lines.PROMPT);
    ready.countDown();
    go.await();
    long start = System.nanoTime();
    c.send(name);
    c.expect(Lines.passwordFor(name));
    c.send(password(name));
    c.expect(Lines.welcome(name));
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    c.send("quit");
    c.close();
    return took;
  }

  /** One blocking line connection. */
  private static final class Conn implements AutoCloseable {
    private final Socket socket = new Socket();
    private final BufferedReader in;
    private final OutputStream out;

    Conn(String host, int port) throws IOException {
      socket.connect(new InetSocketAddress(host, port));
      socket.setSoTimeout(120_000);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out = socket.getOutputStream();
    }

    void send(String line) throws IOException {
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    void expect(String wanted) throws IOException {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.equals(wanted)) {
          return;
        }
        if (line.startsWith("Wrong password") || line.startsWith("Too many") || line.startsWith("Cannot ")) {
          throw new IOException(line);
        }
      }
      throw new IOException("closed before: " + wanted);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
