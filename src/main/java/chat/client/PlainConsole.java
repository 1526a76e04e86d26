package chat.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A console over plain streams, for piped input, scripts and tests: one line in, the server's lines out as sent. */
public final class PlainConsole implements Console {

  private final BufferedReader in;
  private final PrintStream out;
  private final PrintStream err;

  public PlainConsole(InputStream in, PrintStream out, PrintStream err) {
    this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    this.out = out;
    this.err = err;
  }

  @Override
  public String readLine() throws IOException {
    return in.readLine();
  }

  @Override
  public void show(ServerLine line) {
    status(line.raw());
  }

  @Override
  public void status(String line) {
    out.println(line);
    out.flush();
  }

  @Override
  public void error(String line) {
    err.println(line);
    err.flush();
  }

  @Override
  public boolean interactive() {
    return false;
  }

  @Override
  public void close() {
    // The streams belong to the caller; the input may still be read by a thread that outlives the session.
    out.flush();
    err.flush();
  }
}
