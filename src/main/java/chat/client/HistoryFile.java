package chat.client;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the console keeps what the user typed across runs, like a shell's history file. */
final class HistoryFile {

  static final String ENV = "CHAT_CLIENT_HISTORY";
  static final String DEFAULT_NAME = ".vertx-chat_history";

  private static final Logger LOG = LoggerFactory.getLogger(HistoryFile.class);

  private HistoryFile() {
  }

  /** {@code $CHAT_CLIENT_HISTORY}, or {@code ~/.vertx-chat_history}; null (no history kept) when the variable is empty. */
  static Path resolve(Map<String, String> env, String home) {
    String chosen = env.get(ENV);
    if (chosen != null) {
      return chosen.isBlank() ? null : Path.of(chosen);
    }
    return Path.of(home, DEFAULT_NAME);
  }

  /** Creates the file readable by its owner only, before JLine writes to it: it holds private messages too. */
  static void create(Path file) {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      // kept as it is
    } catch (UnsupportedOperationException | IOException e) {
      LOG.debug("Could not create {} for owner only", file, e);
    }
  }
}
