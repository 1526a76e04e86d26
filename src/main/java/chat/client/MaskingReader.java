package chat.client;

import java.util.Map;
import org.jline.reader.MaskingCallback;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;

/**
 * JLine's reader, able to mask a line once the server's password prompt arrives. The prompt comes
 * on another thread, either while the user's read is under way or just before the next read
 * starts (the reader may still be handing over the name line); either way the line the password is
 * typed on shows as {@code *} and never enters the history, and the read after it is plain again.
 */
final class MaskingReader extends LineReaderImpl {

  private volatile boolean masked;

  /** Given to every read, so the mask takes effect whenever {@link #maskCurrentLine} is called. */
  private final MaskingCallback mask = new MaskingCallback() {
    @Override
    public String display(String line) {
      return masked ? "*".repeat(line.length()) : line;
    }

    @Override
    public String history(String line) {
      return masked ? null : line;
    }
  };

  MaskingReader(Terminal terminal, Map<String, Object> variables) {
    super(terminal, "chat", variables);
  }

  /** Masks the line being read, or the next one if no read is under way, from its next redraw. */
  void maskCurrentLine() {
    masked = true;
  }

  @Override
  public String readLine(String prompt, String rightPrompt, MaskingCallback ignored, String buffer) {
    try {
      return super.readLine(prompt, rightPrompt, mask, buffer);
    } finally {
      masked = false; // the password line is read (or the read given up): what follows is plain
    }
  }
}
