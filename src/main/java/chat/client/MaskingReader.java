package chat.client;

import java.util.Map;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.SimpleMaskingCallback;
import org.jline.terminal.Terminal;

/**
 * JLine's reader, able to mask the line being read once the server's password prompt arrives,
 * which is after the user's read began. A masked line shows as {@code *} and never enters the
 * history; the next read is plain again.
 */
final class MaskingReader extends LineReaderImpl {

  MaskingReader(Terminal terminal, Map<String, Object> variables) {
    super(terminal, "chat", variables);
  }


  /** Masks what is typed on the current line from the next redraw, and keeps it out of the history. */
  void maskCurrentLine() {
    maskingCallback = new SimpleMaskingCallback('*');
  }
}
