package chat.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Plain HTTP requests to a node's admin listener on 127.0.0.1, as curl or Prometheus would make them. */
public final class AdminClient {

  /** A response: its status and body. */
  public record Reply(int status, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    /** The entry of {@code /health} or {@code /ready}'s {@code checks} with this id. */
    public JsonObject check(String id) {
      JsonArray checks = json().getJsonArray("checks");
      for (int i = 0; i < checks.size(); i++) {
        if (checks.getJsonObject(i).getString("id").equals(id)) {
          return checks.getJsonObject(i);
        }
      }
      throw new AssertionError("no check " + id + " in " + checks);
    }
  }

  /** HTTP/1.1, as curl and Prometheus speak it: the JDK client would otherwise try an h2c upgrade first. */
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final int port;

  public AdminClient(int port) {
    this.port = port;
  }

  public Reply get(String path) {
    return send(request(path, null).GET());
  }

  public Reply get(String path, String token) {
    return send(request(path, token).GET());
  }

  public Reply post(String path, String token, String body) {
    return send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
  }

  /** Asks for {@code path} until the reply is {@code wanted}: the state it reports changes asynchronously. */
  public Reply getUntil(String path, Predicate<Reply> wanted) {
    long deadline = System.nanoTime() + Duration.ofMillis(LineClient.WAIT_MILLIS * 2L).toNanos();
    Reply reply;
    do {
      reply = get(path);
      if (wanted.test(reply)) {
        return reply;
      }
      Thread.onSpinWait();
    } while (System.nanoTime() < deadline);
    throw new AssertionError("never got the wanted reply from " + path + "; last: " + reply);
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
