package chat.ops;

import chat.Addresses;
import chat.transport.ServerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers, for the operators' user list on any node, who is logged in on this node and from which
 * address: each event loop lists its own sessions, on its own thread.
 */
public final class SessionDirectory extends VerticleBase {

  private final String nodeId;
  private final List<ServerVerticle> servers;

  public SessionDirectory(String nodeId, List<ServerVerticle> servers) {
    this.nodeId = nodeId;
    this.servers = servers;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<JsonObject>consumer(Addresses.sessions(nodeId), request -> sessions()
        .onSuccess(request::reply)
        .onFailure(e -> request.fail(500, e.getMessage()))).completion();
  }

  private Future<JsonArray> sessions() {
    List<Future<List<JsonObject>>> loops = new ArrayList<>();
    for (ServerVerticle server : servers) {
      Promise<List<JsonObject>> listed = Promise.promise();
      server.loop().runOnContext(v -> listed.complete(server.onlineSessions()));
      loops.add(listed.future());
    }
    return Future.all(loops).map(all -> {
      JsonArray sessions = new JsonArray();
      loops.forEach(loop -> loop.result().forEach(sessions::add));
      return sessions;
    });
  }
}
