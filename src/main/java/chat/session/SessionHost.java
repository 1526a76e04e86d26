package chat.session;

import chat.ChatConfig;
import chat.account.Accounts;
import chat.fanout.FanOut;
import chat.fanout.PublicLines;
import chat.ops.ChatMetrics;
import chat.registry.RegistryRequests;
import io.vertx.core.Vertx;

/** What the event loop that sessions run on provides them: settings, the registry, and this loop's fan-out. */
public final class SessionHost {

  final ChatConfig config;
  final Vertx vertx;
  final RegistryRequests registry;
  final PublicLines publicLines;
  final FanOut fanOut;
  /** The node's accounts, or null when {@code accounts.enabled} is false. */
  final Accounts accounts;
  final ChatMetrics metrics;

  public SessionHost(ChatConfig config, Vertx vertx, RegistryRequests registry, PublicLines publicLines, FanOut fanOut,
      ChatMetrics metrics, Accounts accounts) {
    this.config = config;
    this.vertx = vertx;
    this.registry = registry;
    this.publicLines = publicLines;
    this.fanOut = fanOut;
    this.accounts = accounts;
    this.metrics = metrics;
  }

  /**
   * The registry, once the public lines read before are published: what it does next (a private
   * line, a departure) must reach everyone after them.
   */
  RegistryRequests registryAfterPublicLines() {
    publicLines.flush();
    return registry;
  }
}
