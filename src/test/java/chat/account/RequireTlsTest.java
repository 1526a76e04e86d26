package chat.account;

import chat.ChatNode;
import chat.protocol.Lines;
import chat.support.Accounts;
import chat.support.LineClient;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.Collections;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** accounts.requireTls: no /register and no password login over plain TCP from another host; loopback and TLS may. */
@ExtendWith(VertxExtension.class)
class RequireTlsTest {

  private ChatNode node;
  private SelfSignedCertificate certificate;
  private String external;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    external = externalAddress();
    Assumptions.assumeTrue(external != null, "this host has no non-loopback IPv4 address to connect from");
    certificate = SelfSignedCertificate.create("localhost");
    node = TestNodes.start(vertx, new JsonObject().put("host", "0.0.0.0")
        .put("accounts", new JsonObject().put("requireTls", true))
        .put("tls", new JsonObject().put("enabled", true).put("port", 0)
            .put("certPath", certificate.certificatePath()).put("keyPath", certificate.privateKeyPath())));
  }

  @AfterEach
  void stop() {
    if (node != null) {
      TestNodes.await(node.shutdown());
      certificate.delete();
    }
  }

  @Test
  void plainConnectionsFromAnotherHostGetNoPasswordStep() throws Exception {
    Accounts.register(node.port(), "Sam", "sams-password").close(); // from loopback: allowed
    try (LineClient far = LineClient.connectFrom(external, external, node.port())) {
      far.expect(Lines.PROMPT);
      far.send("Sam");
      far.expect(Lines.TLS_REQUIRED);
      far.expect(Lines.PROMPT);
      far.send("Tom");
      far.expect(Lines.welcome("Tom"));
      far.send("/register toms-password");
      far.expect(Lines.TLS_REQUIRED);
    }
    try (LineClient secure = LineClient.over(tls(external, node.tlsPort()))) {
      Accounts.login(secure, "Sam", "sams-password");
      secure.send("/password sams-password sams-new-password");
      secure.expect(Lines.PASSWORD_CHANGED);
    }
  }

  private static Socket tls(String host, int port) throws Exception {
    TrustManager trustAll = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trustAll}, null);
    return context.getSocketFactory().createSocket(host, port);
  }

  private static String externalAddress() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return address.getHostAddress();
        }
      }
    }
    return null;
  }
}
