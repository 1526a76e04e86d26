package chat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import chat.support.JarProcess;
import chat.support.LineClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's command line as a user meets it: flags, help, bad values and misspelled settings. */
class CommandLineIT {

  @Test
  void portAndHostFlagsWinOverTheConfigFileAndUnknownSettingsAreNamed() throws IOException {
    // The file's port is held by a socket that never listens: a server that ignored --port could not start.
    try (Socket held = new Socket()) {
      held.bind(new InetSocketAddress("127.0.0.1", 0));
      String config = JarProcess.config("\"floodRat\": 5, \"tls\": {\"prot\": 1}").toString();
      java.nio.file.Files.writeString(java.nio.file.Path.of(config),
          java.nio.file.Files.readString(java.nio.file.Path.of(config)).replace("\"host\": \"127.0.0.1\", \"port\": 0", "\"host\": \"127.0.0.1\", \"port\": " + held.getLocalPort()));
      try (JarProcess server = JarProcess.start(Map.of("CHAT_CONFIG", config), "--port", "0", "--host", "127.0.0.1")) {
        server.awaitLine(l -> l.contains("Ignoring unknown settings [floodRat, tls.prot]; the known ones are ["), 30);
        int port = server.awaitListening(30);
        assertNotEquals(held.getLocalPort(), port);
        try (LineClient sam = LineClient.login(port, "Sam")) {
          sam.send("/users");
          sam.expect("Online users (1): Sam");
        }
      }
    }
  }

  @Test
  void aBadPortVariableIsNamedAndTheServerDoesNotStart() {
    JarProcess server = JarProcess.start(Map.of("CHAT_CONFIG", JarProcess.config("").toString(), "CHAT_PORT", "abc"));
    server.awaitLine("CHAT_PORT must be a port number (0-65535), not 'abc'"::equals, 30);
    assertEquals(2, server.waitFor(30));
  }

  @Test
  void helpNamesTheCommandsAndTheEnvironment() {
    JarProcess help = JarProcess.start(Map.of(), "--help");
    help.awaitLine(l -> l.contains("./run.sh cluster [N]"), 30);
    help.awaitLine(l -> l.contains("./run.sh gen-cert"), 30);
    help.awaitLine(l -> l.contains("CHAT_PORT, CHAT_HOST, CHAT_TLS_PORT, CHAT_HTTP_PORT"), 30);
    assertEquals(0, help.waitFor(30));
    JarProcess wrong = JarProcess.start(Map.of(), "--prot", "6001");
    wrong.awaitLine("Unknown option: --prot (try --help)"::equals, 30);
    assertEquals(2, wrong.waitFor(30));
  }
}
