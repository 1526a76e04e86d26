package chat.client;

import java.io.IOException;

/** Where the client reads what the user types and shows what the server sends. */
public interface Console extends AutoCloseable {

  /**
   * Blocks for what the user typed next: one line, or several separated by {@code \n} when they
   * pasted them; null once the user is done (end of input, Ctrl-D, Ctrl-C).
   */
  String readLine() throws IOException;

  /** Shows one line from the server; safe to call from any thread, also while a line is being read. */
  void show(ServerLine line);

  /** Shows a line of the client's own among the server's: what it is doing, or that the server went away. */
  void status(String line);

  /** Shows a problem or warning line, apart from the server's lines where the console can. */
  void error(String line);

  /** True for a person at a terminal, false for a script: scripts get the server's lines and nothing else. */
  boolean interactive();

  /** The server welcomed the user under {@code name}; {@code null} once the connection is gone. */
  default void loggedIn(String name) {
  }

  /** The server asked for a password: what the user types next is masked and kept out of the history. */
  default void secretNext() {
  }

  /** The user sent {@code text} as a public line; the server does not send it back to its sender. */
  default void sentPublic(String text) {
  }

  @Override
  void close();
}
