package chat.client;

import java.util.Objects;

/** The client's command-line options, parsed from {@code --name value} or {@code --name=value}. */
public record ClientOptions(String host, int port, boolean tls, String trust, boolean insecure, boolean help,
    boolean timestamps) {

  public static final String DEFAULT_HOST = "localhost";
  public static final int DEFAULT_PORT = 5555;

  public static final String USAGE = String.join("\n",
      "Usage: java -jar chat.jar client [--host HOST] [--port PORT] [--tls [--trust CERT.pem | --insecure]]"
          + " [--no-timestamps]",
      "  --host HOST       server host (default " + DEFAULT_HOST + ")",
      "  --port PORT       server port (default " + DEFAULT_PORT + ")",
      "  --tls             connect with TLS, trusting the JVM's default certificate authorities",
      "  --trust CERT.pem  trust this PEM certificate (implies --tls; the host name is verified)",
      "  --insecure        accept any server certificate, for self-signed testing (implies --tls)",
      "  --no-timestamps   on a terminal, show lines without the HH:MM in front",
      "  --help            show this help",
      "Type lines to chat; quit or /quit leaves. On a terminal: Tab completes names and commands,",
      "Up/Down recall earlier lines (kept in ~/" + HistoryFile.DEFAULT_NAME + ", or $" + HistoryFile.ENV + "),",
      "and a lost connection is made again. Piped input gets the server's lines only.",
      "Exit status: 0 after quit, 1 when the connection failed or was lost, 2 for bad options,",
      "3 when input is not a terminal and the server refused the name.");

  public ClientOptions {
    Objects.requireNonNull(host, "host");
  }

  /** Options with timestamps on, as without {@code --no-timestamps}. */
  public ClientOptions(String host, int port, boolean tls, String trust, boolean insecure, boolean help) {
    this(host, port, tls, trust, insecure, help, true);
  }

  /** The options a bare {@code client} command runs with. */
  public static ClientOptions defaults() {
    return new ClientOptions(DEFAULT_HOST, DEFAULT_PORT, false, null, false, false);
  }

  /** Parses the arguments after {@code client}; a bad argument throws with a one-line reason. */
  public static ClientOptions parse(String... args) {
    String host = DEFAULT_HOST;
    int port = DEFAULT_PORT;
    boolean tls = false;
    String trust = null;
    boolean insecure = false;
    boolean help = false;
    boolean timestamps = true;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        inline = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      switch (arg) {
        case "--host" -> {
          host = inline != null ? inline : value(args, ++i, arg);
          if (host.isBlank()) {
            throw new IllegalArgumentException("--host needs a host name");
          }
        }
        case "--port" -> port = port(inline != null ? inline : value(args, ++i, arg));
        case "--trust" -> {
          trust = inline != null ? inline : value(args, ++i, arg);
          tls = true;
        }
        case "--tls" -> {
          noValue(arg, inline);
          tls = true;
        }
        case "--insecure" -> {
          noValue(arg, inline);
          insecure = true;
          tls = true;
        }
        case "--no-timestamps" -> {
          noValue(arg, inline);
          timestamps = false;
        }
        case "--help", "-h" -> {
          noValue(arg, inline);
          help = true;
        }
        default -> throw new IllegalArgumentException("Unknown option: " + args[i]);
      }
    }
    if (trust != null && insecure) {
      throw new IllegalArgumentException("--trust and --insecure cannot be used together");
    }
    return new ClientOptions(host, port, tls, trust, insecure, help, timestamps);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static void noValue(String option, String inline) {
    if (inline != null) {
      throw new IllegalArgumentException(option + " takes no value");
    }
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below with the same message as an out-of-range port
    }
    throw new IllegalArgumentException("--port needs a number from 1 to 65535, not '" + text + "'");
  }
}
