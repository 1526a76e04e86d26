package chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's command line, environment and settings file, and what each says when wrong. */
class ServerArgsTest {

  @Test
  void flagsAreRead() {
    ServerArgs args = ServerArgs.parse(new String[] {"--cluster", "--port", "6001", "--host", "127.0.0.1", "--config", "x.json"});
    assertEquals(new ServerArgs(true, "x.json", 6001, "127.0.0.1", false), args);
    assertEquals(true, ServerArgs.parse(new String[] {"-h"}).help());
  }

  @Test
  void badFlagsSayWhatIsWrong() {
    assertEquals("Unknown option: --prot (try --help)",
        assertThrows(IllegalArgumentException.class, () -> ServerArgs.parse(new String[] {"--prot"})).getMessage());
    assertEquals("--port needs a port number",
        assertThrows(IllegalArgumentException.class, () -> ServerArgs.parse(new String[] {"--port"})).getMessage());
    assertEquals("--port must be a port number (0-65535), not '70000'",
        assertThrows(IllegalArgumentException.class, () -> ServerArgs.parse(new String[] {"--port", "70000"})).getMessage());
  }

  @Test
  void theCommandLineWinsOverTheEnvironmentWhichWinsOverTheFile() throws Exception {
    ServerArgs args = ServerArgs.parse(new String[] {"--port", "6001"});
    JsonObject json = ServerLauncher.load(null, Map.of("CHAT_PORT", "6000", "CHAT_HOST", "10.0.0.1"), args);
    ChatConfig config = ChatConfig.from(json);
    assertEquals(6001, config.port);
    assertEquals("10.0.0.1", config.host);
    assertEquals(7001, config.tlsPort, "the TLS port follows the plain one unless set");
    assertEquals("CHAT_TLS_PORT must be a port number (0-65535), not 'x'", assertThrows(IllegalArgumentException.class,
        () -> ServerLauncher.load(null, Map.of("CHAT_TLS_PORT", "x"), ServerArgs.parse(new String[0]))).getMessage());
  }

  @Test
  void theAdminListenerTakesItsPortAndTokenFromTheEnvironment() throws Exception {
    ChatConfig defaults = ChatConfig.from(new JsonObject());
    assertEquals("127.0.0.1", defaults.adminHost);
    assertEquals(9090, defaults.adminPort);
    assertEquals(null, defaults.adminToken);
    assertEquals(true, defaults.metricsEnabled);
    ChatConfig config = ChatConfig.from(ServerLauncher.load(null,
        Map.of("CHAT_ADMIN_PORT", "9191", "CHAT_ADMIN_TOKEN", "t0ken"), ServerArgs.parse(new String[0])));
    assertEquals(9191, config.adminPort);
    assertEquals("t0ken", config.adminToken);
    assertEquals("CHAT_ADMIN_PORT must be a port number (0-65535), not 'x'", assertThrows(IllegalArgumentException.class,
        () -> ServerLauncher.load(null, Map.of("CHAT_ADMIN_PORT", "x"), ServerArgs.parse(new String[0]))).getMessage());
    assertEquals(List.of("metrics.on", "admin.tokn"), ChatConfig.from(new JsonObject()
        .put("admin", new JsonObject().put("tokn", "x")).put("metrics", new JsonObject().put("on", true))).unknownKeys);
  }

  @Test
  void unknownSettingsAreListed() {
    ChatConfig config = ChatConfig.from(new JsonObject().put("floodRat", 1).put("port", 5555)
        .put("tls", new JsonObject().put("enabled", false).put("prot", 1)));
    assertEquals(List.of("floodRat", "tls.prot"), config.unknownKeys);
    assertEquals(6555, config.tlsPort);
  }
}
