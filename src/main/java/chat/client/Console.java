package chat.client;

import java.io.IOException;

/** Where the client reads what the user types and shows what the server sends. */
public interface Console extends AutoCloseable {

  /** Blocks for the next typed line; null once the user is done (end of input, Ctrl-D, Ctrl-C). */
  String readLine() throws IOException;

  /** Shows one line from the server; safe to call from any thread, also while a line is being read. */
  void println(String line);

  /** Shows a problem or warning line, apart from the server's lines where the console can. */
  void error(String line);

  @Override
  void close();
}
