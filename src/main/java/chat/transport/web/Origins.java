package chat.transport.web;

import java.util.Locale;
import java.util.Set;

/**
 * Which pages may open a chat WebSocket: the server's own, or those configured. Browsers always
 * send {@code Origin} on a WebSocket handshake, so another site cannot drive a visitor's browser
 * into the chat; a client that is not a browser sends none and is let in, as with TCP.
 */
final class Origins {

  private Origins() {
  }

  static boolean allowed(String origin, String host, boolean secure, Set<String> configured) {
    if (origin == null) {
      return true;
    }
    String wanted = origin.toLowerCase(Locale.ROOT);
    if (!configured.isEmpty()) {
      return configured.stream().anyMatch(o -> o.toLowerCase(Locale.ROOT).equals(wanted));
    }
    return host != null && wanted.equals((secure ? "https://" : "http://") + host.toLowerCase(Locale.ROOT));
  }
}
