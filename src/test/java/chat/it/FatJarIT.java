package chat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.protocol.Lines;
import chat.support.JarProcess;
import chat.support.LineClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fat jar as a user runs it: a server process, the console client process, and SIGTERM. */
class FatJarIT {

  @Test
  void servesTheConsoleClientAndSaysGoodbyeOnSigterm() throws IOException {
    try (JarProcess server = JarProcess.start(Map.of("CHAT_CONFIG", JarProcess.config("").toString()))) {
      int port = server.awaitListening(30);
      try (LineClient eliya = LineClient.login(port, "Eliya")) {
        JarProcess client = JarProcess.start(Map.of(), "client", "--port", String.valueOf(port));
        try (OutputStream stdin = client.process().getOutputStream()) {
          stdin.write("sam\nhello from the console\nquit\n".getBytes(StandardCharsets.UTF_8));
        }
        client.awaitLine(Lines.PROMPT::equals, 30);
        client.awaitLine(Lines.welcome("sam")::equals, 30);
        client.awaitLine("Goodbye, sam!"::equals, 30);
        assertEquals(0, client.waitFor(30));
        eliya.expect("sam has joined the chat.");
        eliya.expect("sam: hello from the console");
        eliya.expect("sam has disconnected.");
        server.awaitLine(l -> l.endsWith("Message from sam: hello from the console"), 10);

        LineClient anonymous = LineClient.connect(port);
        anonymous.expect(Lines.PROMPT);
        server.process().destroy(); // SIGTERM
        eliya.expect("Server is shutting down. Goodbye!");
        eliya.expectClosed();
        anonymous.expect("Server is shutting down. Goodbye!");
        anonymous.expectClosed();
        assertEquals(143, server.waitFor(15), "exit code after SIGTERM");
      }
    }
  }

  @Test
  void theClientReportsARefusedConnection() {
    // A bound socket that never listens holds the port, so nothing can listen on it or self-connect.
    try (java.net.Socket reserved = new java.net.Socket()) {
      reserved.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
      int port = reserved.getLocalPort();
      JarProcess client = JarProcess.start(Map.of(), "client", "--port", String.valueOf(port));
      client.awaitLine(l -> l.startsWith("Cannot connect to localhost:" + port + ": "), 30);
      assertEquals(1, client.waitFor(30));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
