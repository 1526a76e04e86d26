package chat.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import chat.ChatNode;
import chat.protocol.Lines;
import chat.support.AdminClient;
import chat.support.LineClient;
import chat.support.LogCapture;
import chat.support.TestNodes;
import chat.support.WsClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operators' commands on the admin listener: refused without the token, then users, notice and kick. */
@ExtendWith(VertxExtension.class)
class AdminCommandsTest {

  private static final String TOKEN = "s3cret-token";

  private static JsonObject withToken() {
    return new JsonObject().put("admin", new JsonObject().put("port", 0).put("token", TOKEN));
  }

  @Test
  void withoutTheRightTokenEveryCommandIsRefusedAndLogged(Vertx vertx) {
    ChatNode node = TestNodes.start(vertx, withToken());
    AdminClient admin = new AdminClient(node.adminPort());
    try (LogCapture log = new LogCapture(AdminCommands.class.getName())) {
      AdminClient.Reply none = admin.get("/admin/users");
      assertEquals(401, none.status());
      assertEquals("Unauthorized: no bearer token.", none.json().getString("error"));
      log.expect("Refused admin request GET /admin/users from 127.0.0.1: no bearer token");
      AdminClient.Reply wrong = admin.post("/admin/kick", "guess", "{\"name\": \"Sam\"}");
      assertEquals(401, wrong.status());
      assertEquals("Unauthorized: wrong token.", wrong.json().getString("error"));
      log.expect("Refused admin request POST /admin/kick from 127.0.0.1: wrong token");
      assertEquals(401, admin.post("/admin/notice", TOKEN + "x", "{\"text\": \"hi\"}").status());
    }
  }

  @Test
  void withoutATokenConfiguredTheCommandsAreOff(Vertx vertx) {
    try (LogCapture log = new LogCapture(AdminVerticle.class.getName())) {
      ChatNode node = TestNodes.start(vertx, new JsonObject());
      log.expect(AdminCommands.OFF);
      AdminClient.Reply reply = new AdminClient(node.adminPort()).get("/admin/users", "anything");
      assertEquals(403, reply.status());
      assertEquals(AdminCommands.OFF, reply.json().getString("error"));
    }
  }

  @Test
  void operatorsListUsersSendANoticeAndKick(Vertx vertx) {
    ChatNode node = TestNodes.start(vertx, withToken());
    AdminClient admin = new AdminClient(node.adminPort());
    try (LineClient sam = LineClient.login(node.port(), "Sam"); WsClient wes = WsClient.login(vertx, node.httpPort(), "Wes")) {
      sam.readUntil("Wes has joined the chat."::equals);
      AdminClient.Reply users = admin.get("/admin/users", TOKEN);
      assertEquals(200, users.status());
      JsonArray list = users.json().getJsonArray("users");
      assertEquals(2, users.json().getInteger("count"));
      assertEquals("Sam", list.getJsonObject(0).getString("name"));
      assertEquals("127.0.0.1", list.getJsonObject(0).getString("address"));
      assertEquals("tcp", list.getJsonObject(0).getString("transport"));
      assertEquals("Wes", list.getJsonObject(1).getString("name"));
      assertEquals("ws", list.getJsonObject(1).getString("transport"));
      assertEquals(list.getJsonObject(0).getString("node"), list.getJsonObject(1).getString("node"));

      AdminClient.Reply notice = admin.post("/admin/notice", TOKEN, "{\"text\": \"Restart at 05:00 UTC\"}");
      assertEquals(200, notice.status());
      sam.readUntil(Lines.notice("Restart at 05:00 UTC")::equals);
      wes.readUntil(Lines.notice("Restart at 05:00 UTC")::equals);

      AdminClient.Reply kick = admin.post("/admin/kick", TOKEN, "{\"name\": \"sam\", \"reason\": \"spamming\"}");
      assertEquals(200, kick.status());
      assertEquals("Sam", kick.json().getString("kicked"));
      sam.readUntil(Lines.kicked("spamming")::equals);
      sam.expectClosed();
      wes.readUntil("Sam has disconnected."::equals);
      AdminClient.Reply after = admin.get("/admin/users", TOKEN);
      assertEquals(1, after.json().getInteger("count"));
    }
  }

  @Test
  void badRequestsGetAClearAnswer(Vertx vertx) {
    ChatNode node = TestNodes.start(vertx, withToken());
    AdminClient admin = new AdminClient(node.adminPort());
    AdminClient.Reply missing = admin.post("/admin/kick", TOKEN, "{\"name\": \"Bob\"}");
    assertEquals(404, missing.status());
    assertEquals(Lines.notOnline("Bob"), missing.json().getString("error"));
    assertEquals(400, admin.post("/admin/kick", TOKEN, "not json").status());
    assertEquals(400, admin.post("/admin/kick", TOKEN, "{\"reason\": \"no name\"}").status());
    assertEquals(400, admin.post("/admin/notice", TOKEN, "{\"text\": \"   \"}").status());
    assertEquals(400, admin.post("/admin/notice", TOKEN, "{\"text\": \"" + "x".repeat(3000) + "\"}").status());
    assertEquals(404, admin.get("/admin/nothing", TOKEN).status());
  }

  @Test
  void theAdminListenerIsOnLoopbackOnly(Vertx vertx) throws IOException {
    ChatNode node = TestNodes.start(vertx, new JsonObject().put("host", "0.0.0.0"));
    assertEquals(200, new AdminClient(node.adminPort()).get("/health").status());
    Optional<InetAddress> outside = publicAddress();
    if (outside.isPresent()) {
      try (Socket socket = new Socket()) {
        assertThrows(IOException.class, () -> socket.connect(new InetSocketAddress(outside.get(), node.adminPort()), 5000),
            "the admin listener answered on " + outside.get());
      }
      try (Socket chat = new Socket()) {
        chat.connect(new InetSocketAddress(outside.get(), node.port()), 5000); // the chat itself is there
      }
    } else {
      assertEquals("127.0.0.1", chat.ChatConfig.from(new JsonObject()).adminHost);
    }
  }

  private static Optional<InetAddress> publicAddress() throws SocketException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
            return Optional.of(address);
          }
        }
      }
    }
    return Optional.empty();
  }
}
