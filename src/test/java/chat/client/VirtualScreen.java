package chat.client;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.LineDisciplineTerminal;
import org.jline.utils.ScreenTerminal;
import org.jline.utils.ScreenTerminalOutputStream;

/**
 * A terminal in memory, as a person at an xterm would see it: JLine's line discipline wired to its
 * VT100 screen emulator. Tests type and paste into it and wait, with a deadline, for what it shows.
 */
final class VirtualScreen implements AutoCloseable {

  static final int COLUMNS = 200;
  static final int ROWS = 30;
  static final long WAIT_MILLIS = 15_000;
  static final String UP = "\033OA";
  static final String KILL_LINE = "\025";

  private final ScreenTerminal screen = new ScreenTerminal(COLUMNS, ROWS);
  private final LineDisciplineTerminal terminal;
  private final Object changes = new Object();
  private long version;
  private int bells;

  VirtualScreen() {
    try {
      ScreenTerminalOutputStream.DelegateOutputStream toScreen = new ScreenTerminalOutputStream.DelegateOutputStream();
      terminal = new LineDisciplineTerminal("test", "xterm-256color", new BellCounter(toScreen), StandardCharsets.UTF_8);
      terminal.setSize(new Size(COLUMNS, ROWS));
      ScreenTerminal.wireTerminal(screen, terminal, toScreen, this::changed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Terminal terminal() {
    return terminal;
  }

  /** Keys as a terminal sends them: {@code \r} for Enter, {@code \t} for Tab. */
  void type(String keys) {
    try {
      terminal.processInputBytes(keys.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A bracketed paste, as a terminal sends one when the application asked for it; newlines are {@code \r}. */
  void paste(String text) {
    type("\033[200~" + text + "\033[201~");
  }

  /** How many times the terminal bell was rung. */
  int bells() {
    synchronized (changes) {
      return bells;
    }
  }

  /**
   * Every row shown, scrolled-off ones first, without trailing blank rows; a row ends at its last
   * character, except the cursor's row, which reaches the cursor, so "sam> " shows a prompt waiting.
   */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    long[] cells = new long[COLUMNS * ROWS];
    int[] cursor = new int[2];
    List<long[]> history;
    // The screen's own lock, so that no row scrolls into the history between the two reads.
    synchronized (screen) {
      history = screen.getHistory();
      screen.dump(cells, cursor);
    }
    for (long[] row : history) {
      lines.add(text(row, -1));
    }
    for (int y = 0; y < ROWS; y++) {
      lines.add(text(Arrays.copyOfRange(cells, y * COLUMNS, (y + 1) * COLUMNS), y == cursor[1] ? cursor[0] : -1));
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** Waits until the screen shows exactly these rows. */
  void expect(String... rows) {
    List<String> wanted = List.of(rows);
    await(wanted::equals, "the screen to be " + wanted);
  }

  /** Waits until the screen's last rows are these. */
  void expectEnd(String... rows) {
    List<String> wanted = List.of(rows);
    await(lines -> lines.size() >= wanted.size() && lines.subList(lines.size() - wanted.size(), lines.size()).equals(wanted),
        "the screen to end with " + wanted);
  }

  /** Whether the row showing exactly {@code text} is drawn with a foreground colour. */
  boolean coloured(String text) {
    long[] cells = new long[COLUMNS * ROWS];
    List<long[]> rows;
    synchronized (screen) {
      rows = new ArrayList<>(screen.getHistory());
      screen.dump(cells, null);
    }
    for (int y = 0; y < ROWS; y++) {
      rows.add(Arrays.copyOfRange(cells, y * COLUMNS, (y + 1) * COLUMNS));
    }
    long[] row = rows.stream().filter(r -> text(r, -1).equals(text)).findFirst()
        .orElseThrow(() -> new AssertionError("no row '" + text + "' in " + lines()));
    return ScreenTerminal.cellHasForeground(row[text.length() - 1]);
  }

  void await(Predicate<List<String>> wanted, String what) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
    try {
      while (true) {
        long seen;
        synchronized (changes) {
          seen = version;
        }
        List<String> now = lines();
        if (wanted.test(now)) {
          return;
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new AssertionError("waited " + WAIT_MILLIS + " ms for " + what + "; the screen shows:\n"
              + String.join("\n", now));
        }
        synchronized (changes) {
          if (version == seen) {
            changes.wait(left);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    try {
      terminal.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void changed() {
    synchronized (changes) {
      version++;
      changes.notifyAll();
    }
  }

  private static String text(long[] row, int cursor) {
    StringBuilder text = new StringBuilder();
    for (long cell : row) {
      int c = ScreenTerminal.cellCodePoint(cell);
      text.appendCodePoint(c == 0 ? ' ' : c);
    }
    int end = text.toString().stripTrailing().length();
    return text.substring(0, Math.max(end, Math.min(cursor, row.length)));
  }

  /** Counts the bells on their way to the screen, which does not keep them. */
  private final class BellCounter extends FilterOutputStream {
    BellCounter(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      if (b == 7) {
        synchronized (changes) {
          bells++;
        }
      }
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) {
        if (b[i] == 7) {
          synchronized (changes) {
            bells++;
          }
        }
      }
      out.write(b, off, len);
    }
  }
}
