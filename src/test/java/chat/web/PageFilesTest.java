package chat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The page's files as shipped in the jar: small, self-contained, and never turning text into HTML. */
class PageFilesTest {

  private static final long MAX_BYTES = 100 * 1024;
  private static final Pattern EXTERNAL = Pattern.compile("https?://|//[a-z0-9.-]+\\.[a-z]{2,}/|@import|\\burl\\(", Pattern.CASE_INSENSITIVE);
  private static final Pattern HTML_SINKS =
      Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(|new Function|createContextualFragment");

  private static List<Path> files() throws IOException, URISyntaxException {
    Path dir = Path.of(PageFilesTest.class.getResource("/web/index.html").toURI()).getParent();
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void thePageIsSmall() throws Exception {
    long total = 0;
    for (Path file : files()) {
      total += Files.size(file);
    }
    assertTrue(total < MAX_BYTES, "the page's files take " + total + " bytes");
  }

  @Test
  void everythingComesFromTheServerItself() throws Exception {
    for (Path file : files()) {
      Matcher external = EXTERNAL.matcher(Files.readString(file, StandardCharsets.UTF_8));
      assertFalse(external.find(), () -> file.getFileName() + " refers to something outside the page: " + external.group());
    }
  }

  @Test
  void scriptsNeverParseHtml() throws Exception {
    List<Path> scripts = files().stream().filter(f -> f.toString().endsWith(".js")).toList();
    assertEquals(2, scripts.size(), "scripts: " + scripts);
    for (Path script : scripts) {
      String text = Files.readString(script, StandardCharsets.UTF_8);
      assertFalse(HTML_SINKS.matcher(text).find(), script.getFileName() + " uses an HTML sink");
    }
  }
}
