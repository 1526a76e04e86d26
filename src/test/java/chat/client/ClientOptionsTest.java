package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing the client's command line. */
class ClientOptionsTest {

  @Test
  void noArgumentsMeansLocalhostOnTheDefaultPort() {
    assertEquals(ClientOptions.defaults(), ClientOptions.parse());
    assertEquals(new ClientOptions("localhost", 5555, false, null, false, false), ClientOptions.defaults());
  }

  @Test
  void hostPortAndTls() {
    assertEquals(new ClientOptions("chat.example.org", 7000, true, null, false, false),
        ClientOptions.parse("--host", "chat.example.org", "--port", "7000", "--tls"));
    assertEquals(new ClientOptions("h", 1, false, null, false, false), ClientOptions.parse("--host=h", "--port=1"));
  }

  @Test
  void trustAndInsecureImplyTls() {
    ClientOptions trusted = ClientOptions.parse("--trust", "server.pem");
    assertTrue(trusted.tls());
    assertEquals("server.pem", trusted.trust());
    ClientOptions insecure = ClientOptions.parse("--insecure");
    assertTrue(insecure.tls());
    assertTrue(insecure.insecure());
    assertFalse(ClientOptions.parse("--port", "1").tls());
  }

  @Test
  void timestampsAreOnUnlessTurnedOff() {
    assertTrue(ClientOptions.parse().timestamps());
    assertFalse(ClientOptions.parse("--no-timestamps").timestamps());
    assertEquals(new ClientOptions("localhost", 5555, false, null, false, false, false), ClientOptions.parse("--no-timestamps"));
  }

  @Test
  void theHelpHasALineForEveryOption() {
    for (String option : List.of("--host", "--port", "--tls", "--trust", "--insecure", "--no-timestamps", "--help")) {
      assertTrue(ClientOptions.USAGE.lines().anyMatch(line -> line.startsWith("  " + option + " ")), option);
    }
  }

  @Test
  void help() {
    assertTrue(ClientOptions.parse("--help").help());
    assertTrue(ClientOptions.parse("-h").help());
  }

  @Test
  void badArgumentsSayWhatIsWrong() {
    assertEquals("Unknown option: --bogus", reason("--bogus"));
    assertEquals("Unknown option: sam", reason("sam"));
    assertEquals("--port needs a value", reason("--port"));
    assertEquals("--host needs a value", reason("--host", "--tls"));
    assertEquals("--port needs a number from 1 to 65535, not 'http'", reason("--port", "http"));
    assertEquals("--port needs a number from 1 to 65535, not '70000'", reason("--port", "70000"));
    assertEquals("--tls takes no value", reason("--tls=yes"));
    assertEquals("--no-timestamps takes no value", reason("--no-timestamps=yes"));
    assertEquals("--trust and --insecure cannot be used together", reason("--trust", "a.pem", "--insecure"));
  }

  private static String reason(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> ClientOptions.parse(args)).getMessage();
  }
}
