package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the input history lives, and who may read it. */
class HistoryFileTest {

  @Test
  void inTheHomeDirectoryUnlessTheVariableSaysOtherwise() {
    assertEquals(Path.of("/home/sam", ".vertx-chat_history"), HistoryFile.resolve(Map.of(), "/home/sam"));
    assertEquals(Path.of("/tmp/h"), HistoryFile.resolve(Map.of("CHAT_CLIENT_HISTORY", "/tmp/h"), "/home/sam"));
    assertNull(HistoryFile.resolve(Map.of("CHAT_CLIENT_HISTORY", ""), "/home/sam"));
  }

  @Test
  void aNewFileIsTheOwnersAlone(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("history");
    HistoryFile.create(file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    Files.writeString(file, "kept");
    HistoryFile.create(file);
    assertEquals("kept", Files.readString(file));
  }
}
