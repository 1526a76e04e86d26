package chat.client;

import java.io.IOError;
import java.io.IOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An interactive console on a real terminal: JLine line editing, server lines printed above the prompt. */
public final class TerminalConsole implements Console {

  private static final Logger LOG = LoggerFactory.getLogger(TerminalConsole.class);
  private static final String PROMPT = "> ";

  private final Terminal terminal;
  private final LineReader reader;

  private TerminalConsole(Terminal terminal) {
    this.terminal = terminal;
    // Chat text is not shell input: no !history expansion, no backslash escapes, and an
    // apostrophe must not open a quote that waits for a second line.
    DefaultParser parser = new DefaultParser();
    parser.setEscapeChars(new char[0]);
    parser.setQuoteChars(new char[0]);
    parser.setEofOnUnclosedQuote(false);
    parser.setEofOnEscapedNewLine(false);
    this.reader = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("chat")
        .parser(parser)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .build();
  }

  /** Opens the process's own terminal. */
  public static TerminalConsole open() throws IOException {
    return new TerminalConsole(TerminalBuilder.builder().system(true).build());
  }

  @Override
  public String readLine() {
    try {
      return reader.readLine(PROMPT);
    } catch (EndOfFileException | UserInterruptException e) {
      return null;
    } catch (IOError e) {
      // The terminal was closed under the reader because the session ended.
      LOG.debug("Terminal read ended", e);
      return null;
    }
  }

  @Override
  public void println(String line) {
    reader.printAbove(line);
  }

  @Override
  public void error(String line) {
    reader.printAbove(line);
  }

  @Override
  public void close() {
    if (reader.isReading()) {
      // The session ended under an open prompt: erase it so the shell's prompt starts on a clean line.
      terminal.puts(InfoCmp.Capability.carriage_return);
      terminal.puts(InfoCmp.Capability.clr_eol);
      terminal.flush();
    }
    try {
      terminal.close();
    } catch (IOException e) {
      LOG.debug("Could not close the terminal", e);
    }
  }
}
