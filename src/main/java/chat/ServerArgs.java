package chat;

/** The server's command line: {@code [--cluster] [--config FILE] [--port P] [--host H] [--help]}. */
record ServerArgs(boolean cluster, String configFile, Integer port, String host, boolean help) {

  static final String USAGE = String.join("\n",
      "Usage: ./run.sh [--cluster] [--config FILE] [--port P] [--host H]   the server (java -jar chat.jar ... alike)",
      "       ./run.sh client [--host H] [--port P] [--tls] [--trust CERT | --insecure]   the console client (client --help)",
      "       ./run.sh bench --help        the load generator",
      "       ./run.sh cluster [N]         N clustered nodes on ports 5555, 5556, ... in the foreground (default 3)",
      "       ./run.sh gen-cert            a self-signed certificate for TLS in conf/",
      "Settings come from conf/config.json (or --config FILE / CHAT_CONFIG), then the environment:",
      "  CHAT_PORT, CHAT_HOST, CHAT_TLS_PORT, CHAT_HTTP_PORT, CHAT_ADMIN_PORT, CHAT_CLUSTER_NAME, CHAT_CLUSTER_CONFIG,",
      "  CHAT_ADMIN_TOKEN (turns the operator commands of the admin listener on),",
      "then --port and --host, each winning over the one before.");

  static ServerArgs parse(String[] args) {
    boolean cluster = false;
    boolean help = false;
    String configFile = null;
    Integer port = null;
    String host = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--cluster" -> cluster = true;
        case "--config" -> configFile = value(args, ++i, "--config needs a file");
        case "--port" -> port = port("--port", value(args, ++i, "--port needs a port number"));
        case "--host" -> host = value(args, ++i, "--host needs an address");
        case "--help", "-h" -> help = true;
        default -> throw new IllegalArgumentException("Unknown option: " + args[i] + " (try --help)");
      }
    }
    return new ServerArgs(cluster, configFile, port, host, help);
  }

  /** A port number from {@code what} (an option or a variable), or a message that names it. */
  static int port(String what, String text) {
    try {
      int port = Integer.parseInt(text.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException(what + " must be a port number (0-65535), not '" + text + "'");
  }

  private static String value(String[] args, int i, String missing) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(missing);
    }
    return args[i];
  }
}
