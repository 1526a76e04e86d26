package chat.registry;

import chat.Addresses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * This node's standing in its cluster, kept on the registry's context: who the members are, and
 * whether the node is whole with the majority, cut off from it (its users are disconnected and
 * logins refused), or catching up with the cluster after it found the majority again.
 */
final class Standing implements Membership.Listener {

  /** What the registry does when the standing changes. */
  interface Actions {
    /** A node has left; {@code whole} tells whether this node is still with the majority. */
    void nodeLeft(String node, boolean whole);

    /** Lost the majority: end every local session, stop handing out names. */
    void cutOff(String why);

    /** Back with the majority: resynchronise, then call {@link #resynced} with {@code round}. */
    void rejoined(int round);
  }

  private enum State { WHOLE, CUT_OFF, MERGING, RESYNCING }

  private static final long LEAVING_NOTICE_MILLIS = 2000;

  private final Membership membership;
  private final Actions actions;
  private final Quorum quorum;
  /** Each member's id and incarnation, as this node last saw them. */
  private Map<String, String> members;
  private State state = State.WHOLE;
  private int round;

  /** Listens before it reads the members, so no change is missed; events are handled on {@code context}. */
  Standing(Membership membership, Context context, Actions actions) {
    this.membership = membership;
    this.actions = actions;
    membership.listen(Membership.on(context, this));
    this.members = new HashMap<>(membership.members());
    this.quorum = new Quorum(members.keySet());
  }

  /** Whether names may be claimed and users join: the node is with the majority and caught up. */
  boolean whole() {
    return state == State.WHOLE;
  }

  /** Whether {@code node} is a member as this node last saw it. */
  boolean isMember(String node) {
    return members.containsKey(node);
  }

  /**
   * Whether what {@code node} sent as {@code incarnation} counts: it is a member, and has not
   * rejoined after a split since (what a node sent before it was declared gone may arrive late).
   */
  boolean isCurrent(String node, String incarnation) {
    return incarnation != null && incarnation.equals(members.get(node));
  }

  Set<String> members() {
    return members.keySet();
  }

  void leaving(String node) {
    quorum.leaving(node);
  }

  /** Tells every other member that this node is stopping on purpose; completes once they know, or after a bound. */
  Future<?> sayLeaving(EventBus bus, String self) {
    List<Future<?>> notices = new ArrayList<>();
    DeliveryOptions bounded = new DeliveryOptions().setSendTimeout(LEAVING_NOTICE_MILLIS);
    for (String node : members.keySet()) {
      if (!node.equals(self)) {
        notices.add(bus.request(Addresses.node(node), RegistryProtocol.leaving(self), bounded));
      }
    }
    return Future.join(notices);
  }

  @Override
  public void nodeJoined(String node) {
    members = new HashMap<>(membership.members());
    quorum.joined(node);
    if (state == State.CUT_OFF && quorum.isMajority(members.keySet())) {
      rejoin();
    }
  }

  @Override
  public void nodeLeft(String node) {
    members = new HashMap<>(membership.members());
    members.remove(node);
    int counted = quorum.counted();
    if (!quorum.left(node, members.keySet()) && (state == State.WHOLE || state == State.RESYNCING)) {
      cut(members.size() + " of " + counted + " nodes on this side");
    }
    actions.nodeLeft(node, state == State.WHOLE);
  }

  @Override
  public void merging() {
    if (state == State.WHOLE || state == State.RESYNCING) {
      cut("it was removed from the cluster and is merging back");
    }
    state = State.MERGING;
  }

  @Override
  public void merged() {
    members = new HashMap<>(membership.members());
    members.keySet().forEach(quorum::joined);
    state = State.CUT_OFF;
    if (quorum.isMajority(members.keySet())) {
      rejoin();
    }
  }

  void resynced(int finished) {
    if (state == State.RESYNCING && finished == round) {
      state = State.WHOLE;
    }
  }

  private void cut(String why) {
    state = State.CUT_OFF;
    actions.cutOff(why);
  }

  private void rejoin() {
    state = State.RESYNCING;
    actions.rejoined(++round);
  }
}
