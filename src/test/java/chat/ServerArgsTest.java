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

  @Test
  void theAccountStoreAndItsCredentialsMayComeFromTheEnvironment() throws Exception {
    ChatConfig config = ChatConfig.from(ServerLauncher.load(null, Map.of("CHAT_STORE_URL", "postgresql://db.example:5432/chat",
        "CHAT_STORE_USER", "chat", "CHAT_STORE_PASSWORD", "from-env", "CHAT_ACCOUNTS", "false"), ServerArgs.parse(new String[0])));
    assertEquals("postgresql://db.example:5432/chat", config.store.url);
    assertEquals("chat", config.store.user);
    assertEquals("from-env", config.store.password);
    assertEquals(false, config.accounts.enabled);
    assertEquals("PostgreSQL postgresql://db.example:5432/chat", config.store.describe());
    assertEquals("PostgreSQL postgresql://db.example/chat",
        chat.store.StoreSettings.from(new JsonObject().put("url", "postgresql://chat:secret@db.example/chat")).describe(),
        "a password in the URL is never shown");
    assertEquals("CHAT_ACCOUNTS must be true or false, not 'maybe'", assertThrows(IllegalArgumentException.class,
        () -> ServerLauncher.load(null, Map.of("CHAT_ACCOUNTS", "maybe"), ServerArgs.parse(new String[0]))).getMessage());
    assertEquals("Bad configuration: store.url must be a postgresql:// URL (or unset for the embedded database), not 'mysql://x'",
        assertThrows(IllegalArgumentException.class,
            () -> ChatConfig.from(new JsonObject().put("store", new JsonObject().put("url", "mysql://x")))).getMessage());
    assertEquals(List.of("accounts.guest", "store.uri"), ChatConfig.from(new JsonObject()
        .put("accounts", new JsonObject().put("guest", false)).put("store", new JsonObject().put("uri", "x"))).unknownKeys);
  }

  @Test
  void aClusteredNodeNeedsASharedStoreWhenAccountsAreOn() {
    ChatConfig embedded = ChatConfig.from(new JsonObject());
    assertEquals(true, ChatNode.accountsProblem(embedded, true).startsWith("A clustered node with accounts on needs a PostgreSQL"));
    assertEquals(null, ChatNode.accountsProblem(embedded, false));
    assertEquals(null, ChatNode.accountsProblem(ChatConfig.from(new JsonObject().put("accounts", new JsonObject().put("enabled", false))), true));
    assertEquals(null, ChatNode.accountsProblem(ChatConfig.from(new JsonObject().put("store",
        new JsonObject().put("url", "postgresql://db/chat"))), true));
  }
}
