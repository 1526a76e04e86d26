package chat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Command-line options of the load generator, parsed and validated. */
public record BenchOptions(
    String host,
    List<Integer> ports,
    int clients,
    int senders,
    double rate,
    double duration,
    double warmup,
    int size,
    boolean privateMessages,
    long serverPid,
    boolean json,
    String namePrefix,
    int ioThreads,
    boolean webSocket,
    boolean spin,
    boolean help) {

  static final int MAX_CLIENTS = 1_000_000;
  static final int MAX_NAME = 32;
  static final int MAX_SIZE = 8000;
  /**
   * Deliveries per second up to which one I/O thread is the default. Below it a second thread mostly sleeps, and
   * each of its wake-ups takes a core from the server on a small machine; above it one thread falls behind.
   */
  static final double ONE_IO_THREAD_DELIVERIES = 1_000_000;
  private static final int AUTO = 0;
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Set<String> VALUED = Set.of("--host", "--port", "--clients", "--senders", "--rate",
      "--duration", "--warmup", "--size", "--server-pid", "--name-prefix", "--io-threads", "--transport", "--pacing");
  static final int TCP_PORT = 5555;
  static final int WS_PORT = 8080;

  public static final String USAGE = String.join("\n",
      "usage: bench [options]",
      "  --host HOST         server address (default 127.0.0.1)",
      "  --port P[,P...]     server port(s); several ports spread clients round-robin (default " + TCP_PORT
          + ", or " + WS_PORT + " for ws)",
      "  --transport T       tcp (default): protocol lines over TCP; ws: one WebSocket text frame per line,",
      "                      with the port(s) those of the server's web listener (path /ws)",
      "  --clients N         connections to open and log in (default 100)",
      "  --senders S         clients that send messages, 0 = login-only workload (default 10)",
      "  --rate R            total messages per second over all senders (default 1000)",
      "  --duration D        measured seconds of sending, or idle hold when senders = 0 (default 10)",
      "  --warmup W          seconds of sending before measuring (default 2); the rate ramps up",
      "                      from 0 over its first half",
      "  --size BYTES        message payload size, " + Payload.MIN_SIZE + ".." + MAX_SIZE + " (default 64)",
      "  --private           each sender sends /pm to a fixed other client instead of broadcasting",
      "  --server-pid PID    report the server's RSS and CPU from /proc/PID",
      "  --json              print the report as one JSON object",
      "  --name-prefix P     user name prefix, letters/digits/_/- (default b)",
      "  --io-threads T      client I/O threads, or auto (default): 1 up to "
          + String.format(Locale.ROOT, "%,.0f", ONE_IO_THREAD_DELIVERIES) + " expected deliveries/s, else 2",
      "  --pacing P          sleep (default): a thread of its own sends, sleeping until each line is due;",
      "                      spin (one I/O thread only): that thread also sends, polling its sockets without",
      "                      sleeping, at the cost of a whole core, for the lowest floor against a light server",
      "  --help              print this help");

  /** Parses {@code args}; throws {@link IllegalArgumentException} with a user-facing message on bad input. */
  public static BenchOptions parse(String... args) {
    String host = "127.0.0.1";
    List<Integer> ports = null;
    boolean webSocket = false;
    Boolean spin = null;
    int clients = 100;
    int senders = 10;
    double rate = 1000;
    double duration = 10;
    double warmup = 2;
    int size = 64;
    boolean privateMessages = false;
    long serverPid = -1;
    boolean json = false;
    String prefix = "b";
    int ioThreads = AUTO;
    boolean help = false;

    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      switch (arg) {
        case "--help", "-h" -> help = true;
        case "--private" -> privateMessages = flag(arg, value);
        case "--json" -> json = flag(arg, value);
        default -> {
          if (!VALUED.contains(arg)) {
            throw new IllegalArgumentException("unknown option: " + arg);
          }
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException("missing value for " + arg);
            }
            value = args[++i];
          }
          switch (arg) {
            case "--host" -> host = nonEmpty(arg, value);
            case "--port" -> ports = ports(value);
            case "--clients" -> clients = intIn(arg, value, 1, MAX_CLIENTS);
            case "--senders" -> senders = intIn(arg, value, 0, MAX_CLIENTS);
            case "--rate" -> rate = positive(arg, value, false);
            case "--duration" -> duration = positive(arg, value, false);
            case "--warmup" -> warmup = positive(arg, value, true);
            case "--size" -> size = intIn(arg, value, Payload.MIN_SIZE, MAX_SIZE);
            case "--server-pid" -> serverPid = intIn(arg, value, 1, Integer.MAX_VALUE);
            case "--name-prefix" -> prefix = value;
            case "--io-threads" -> ioThreads = "auto".equals(value) ? AUTO : intIn(arg, value, 1, 64);
            case "--transport" -> webSocket = webSocket(value);
            case "--pacing" -> spin = spin(value);
            default -> throw new IllegalStateException("option without a case: " + arg);
          }
        }
      }
    }
    if (ports == null) {
      ports = List.of(webSocket ? WS_PORT : TCP_PORT);
    }
    if (senders > clients) {
      throw new IllegalArgumentException("--senders (" + senders + ") cannot exceed --clients (" + clients + ")");
    }
    if (senders > 0 && clients < 2) {
      throw new IllegalArgumentException("sending needs at least 2 clients");
    }
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("--name-prefix may only contain letters, digits, _ and -: " + prefix);
    }
    if (prefix.length() + String.valueOf(clients - 1).length() > MAX_NAME) {
      throw new IllegalArgumentException("--name-prefix too long: names must be at most " + MAX_NAME + " characters");
    }
    if (ioThreads == AUTO) {
      ioThreads = expectedDeliveries(clients, senders, rate, privateMessages) <= ONE_IO_THREAD_DELIVERIES ? 1 : 2;
    }
    if (spin == null) {
      spin = false;
    } else if (spin && ioThreads > 1) {
      throw new IllegalArgumentException("--pacing spin needs one I/O thread, not " + ioThreads);
    }
    return new BenchOptions(host, ports, clients, senders, rate, duration, warmup, size, privateMessages,
        serverPid, json, prefix, ioThreads, webSocket, spin, help);
  }

  /** Deliveries per second if every message reaches every recipient: all other clients, or one for /pm. */
  static double expectedDeliveries(int clients, int senders, double rate, boolean privateMessages) {
    return senders == 0 ? 0 : rate * (privateMessages ? 1 : clients - 1);
  }

  /** The user name of client {@code index}. */
  public String name(int index) {
    return namePrefix + index;
  }

  /** The client that sender {@code sender} messages in private mode: distinct per sender, never itself. */
  public int privateTarget(int sender) {
    return (sender + Math.max(1, clients / 2)) % clients;
  }

  private static boolean flag(String arg, String value) {
    if (value != null) {
      throw new IllegalArgumentException(arg + " takes no value");
    }
    return true;
  }

  private static boolean spin(String value) {
    return switch (value) {
      case "spin" -> true;
      case "sleep" -> false;
      default -> throw new IllegalArgumentException("--pacing must be spin or sleep, got '" + value + "'");
    };
  }

  private static boolean webSocket(String value) {
    return switch (value) {
      case "tcp" -> false;
      case "ws" -> true;
      default -> throw new IllegalArgumentException("--transport must be tcp or ws, got '" + value + "'");
    };
  }

  private static String nonEmpty(String arg, String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(arg + " must not be empty");
    }
    return value;
  }

  private static List<Integer> ports(String value) {
    List<Integer> ports = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      ports.add(intIn("--port", part.trim(), 1, 65535));
    }
    return List.copyOf(ports);
  }

  private static int intIn(String arg, String value, int min, int max) {
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(arg + " expects an integer, got '" + value + "'");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(arg + " must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }

  private static double positive(String arg, String value, boolean zeroAllowed) {
    double d;
    try {
      d = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(arg + " expects a number, got '" + value + "'");
    }
    if (!Double.isFinite(d) || d < 0 || (d == 0 && !zeroAllowed)) {
      String bound = zeroAllowed ? "at least 0" : "positive";
      throw new IllegalArgumentException(arg + " must be " + bound + ", got " + value);
    }
    return d;
  }
}
