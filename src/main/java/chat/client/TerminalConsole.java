package chat.client;

import java.io.IOError;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.jline.reader.Buffer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.reader.Widget;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An interactive console on a terminal: JLine line editing with history and name completion, the
 * server's lines printed above the prompt with the time, and a bell for the lines meant for you.
 */
public final class TerminalConsole implements Console {

  private static final Logger LOG = LoggerFactory.getLogger(TerminalConsole.class);
  private static final String PROMPT = "> ";

  private final Terminal terminal;
  private final LineStyle style;
  private final MaskingReader reader;
  private final Roster roster = new Roster();
  private volatile boolean closed;
  private volatile String me;
  private final Object promptLock = new Object();
  private volatile String prompt = PROMPT;

  TerminalConsole(Terminal terminal, LineStyle style, Path history) {
    this.terminal = terminal;
    this.style = style;
    // Chat text is not shell input: no !history expansion, no backslash escapes, and an
    // apostrophe must not open a quote that waits for a second line.
    DefaultParser parser = new DefaultParser();
    parser.setEscapeChars(new char[0]);
    parser.setQuoteChars(new char[0]);
    parser.setEofOnUnclosedQuote(false);
    parser.setEofOnEscapedNewLine(false);
    Map<String, Object> variables = new HashMap<>();
    // Lines that hold passwords are never written to the history file.
    variables.put(LineReader.HISTORY_IGNORE, "/register *:/password *:/REGISTER *:/PASSWORD *");
    if (history != null) {
      HistoryFile.create(history);
      variables.put(LineReader.HISTORY_FILE, history);
    }
    MaskingReader masking = new MaskingReader(terminal, variables);
    masking.setParser(parser);
    masking.setCompleter(new NameCompleter(roster));
    masking.setHistory(new DefaultHistory());
    masking.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
    masking.option(LineReader.Option.CASE_INSENSITIVE, true);
    // What was typed is replaced by what was sent, shown as the others see it.
    masking.option(LineReader.Option.ERASE_LINE_ON_FINISH, true);
    this.reader = masking;
    sendPastesThatEndWithEnter();
    // A login may change the prompt between readLine's start and its first drawing; this runs in between.
    reader.getWidgets().put(LineReader.CALLBACK_INIT, () -> {
      synchronized (promptLock) {
        setPrompt(prompt);
      }
      return true;
    });
  }

  /** Opens the process's own terminal. */
  public static TerminalConsole open(ClientOptions options, Map<String, String> env, Path history) throws IOException {
    Terminal terminal = TerminalBuilder.builder().system(true).build();
    Integer colours = terminal.getNumericCapability(InfoCmp.Capability.max_colors);
    boolean colour = LineStyle.colourWanted(env, colours != null ? colours : 0);
    return new TerminalConsole(terminal, new LineStyle(options.timestamps(), colour, Clock.systemDefaultZone()), history);
  }

  @Override
  public String readLine() {
    try {
      return reader.readLine(prompt);
    } catch (EndOfFileException | UserInterruptException e) {
      return null;
    } catch (IOError e) {
      // The terminal was closed under the reader because the session ended.
      LOG.debug("Terminal read ended", e);
      return null;
    }
  }

  @Override
  public void show(ServerLine line) {
    roster.offer(line);
    String name = me;
    print(style.server(line, name), LineStyle.forYou(line, name));
  }

  @Override
  public void status(String line) {
    print(style.notice(line), false);
  }

  @Override
  public void error(String line) {
    print(style.notice(line), false);
  }

  @Override
  public boolean interactive() {
    return true;
  }

  @Override
  public void loggedIn(String name) {
    me = name;
    roster.reset(name);
    // Shown from the next redraw, which the line printed next causes.
    setPrompt(name == null ? PROMPT : name + PROMPT);
  }

  @Override
  public void secretNext() {
    reader.maskCurrentLine();
  }

  @Override
  public void sentPublic(String text) {
    print(style.own(me, text), false);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (reader.isReading()) {
      // The session ended under an open prompt: erase it so the shell's prompt starts on a clean line.
      terminal.puts(InfoCmp.Capability.carriage_return);
      terminal.puts(InfoCmp.Capability.clr_eol);
      terminal.flush();
    }
    try {
      reader.getHistory().save();
    } catch (IOException e) {
      LOG.debug("Could not save the history", e);
    }
    try {
      terminal.close();
    } catch (IOException e) {
      LOG.debug("Could not close the terminal", e);
    }
  }

  private void setPrompt(String text) {
    synchronized (promptLock) {
      prompt = text;
      reader.setPrompt(text);
    }
  }

  private void print(AttributedString line, boolean ring) {
    if (closed) {
      // The run may still be winding down after the terminal was handed back.
      return;
    }
    try {
      if (ring) {
        // Not in printAbove's text, which would show it as ^G; printAbove's flush sends it with the line.
        terminal.puts(InfoCmp.Capability.bell);
      }
      reader.printAbove(line);
    } catch (IllegalStateException e) {
      if (!closed) {
        throw e;
      }
    }
  }

  /**
   * JLine inserts a bracketed paste into the buffer, newlines and all, and waits for one more
   * Enter. A paste that ends with a newline was meant to be sent: accept it at once, and the
   * client sends its lines one by one.
   */
  private void sendPastesThatEndWithEnter() {
    Widget paste = reader.getWidgets().get(LineReader.BEGIN_PASTE);
    reader.getWidgets().put(LineReader.BEGIN_PASTE, () -> {
      boolean pasted = paste.apply();
      Buffer buffer = reader.getBuffer();
      if (pasted && buffer.cursor() > 0 && buffer.prevChar() == '\n') {
        buffer.backspace();
        reader.callWidget(LineReader.ACCEPT_LINE);
      }
      return pasted;
    });
  }
}
