package chat.fanout;

import chat.Addresses;
import chat.protocol.FanoutRecords;
import chat.protocol.Lines;
import chat.protocol.Names;
import io.vertx.core.eventbus.EventBus;
import java.util.function.Supplier;

/**
 * The public lines read on one event loop, on their way to everyone. They go straight to this
 * node's fan-out, not through the registry, which would add nothing to them but a thread hop; other
 * nodes get them through their registries. Lines are queued as they are read and published as one
 * message when the loop's iteration ends, so a busy loop pays for the event-bus hop once for many
 * lines; {@link #flush} publishes them earlier, for a request that must not overtake them.
 */
public final class PublicLines {

  private final EventBus bus;
  private final String nodeId;
  private final Supplier<String> incarnation;
  private final String fanout;
  private final boolean clustered;
  private final LoopHooks hooks;
  private final Runnable flushTask;
  private final StringBuilder queued = new StringBuilder();

  /** {@code incarnation} is read for each broadcast, so a node that rejoined after a split stamps its new one. */
  public PublicLines(EventBus bus, String nodeId, Supplier<String> incarnation, boolean clustered, LoopHooks hooks) {
    this.bus = bus;
    this.nodeId = nodeId;
    this.incarnation = incarnation;
    this.fanout = Addresses.fanout(nodeId);
    this.clustered = clustered;
    this.hooks = hooks;
    this.flushTask = hooks.task(this::flush);
  }

  /** Queues {@code from}'s public line; everyone but its sender gets it. */
  public void add(String from, String text) {
    if (queued.isEmpty()) {
      hooks.atIterationEnd(flushTask);
    }
    FanoutRecords.append(queued, Names.key(from), Lines.message(from, text));
  }

  /** Publishes the lines queued so far, as one message. */
  public void flush() {
    if (queued.isEmpty()) {
      return;
    }
    String records = queued.toString();
    queued.setLength(0);
    bus.publish(fanout, records, Addresses.LOCAL);
    if (clustered) {
      bus.publish(Addresses.BROADCAST, FanoutRecords.broadcast(nodeId, incarnation.get(), records));
    }
  }
}
