package chat.registry;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether this node's side of the cluster may hand out names: it must hold a strict majority of the
 * nodes it counts on. A node that says goodbye before it stops is no longer counted; one that
 * vanishes is written off only by a majority, so of two halves at most one goes on.
 */
final class Quorum {

  private final Set<String> counted = new HashSet<>();
  private final Set<String> leaving = new HashSet<>();

  Quorum(Collection<String> members) {
    counted.addAll(members);
  }

  void joined(String node) {
    counted.add(node);
    leaving.remove(node);
  }

  /** The node is stopping on purpose: its departure does not count against the majority. */
  void leaving(String node) {
    leaving.add(node);
  }

  /** A node has left; {@code members} are the nodes still here. Returns whether they are a majority. */
  boolean left(String node, Set<String> members) {
    if (leaving.remove(node)) {
      counted.remove(node);
    }
    boolean majority = isMajority(members);
    if (majority) {
      counted.retainAll(members);
    }
    return majority;
  }

  boolean isMajority(Set<String> members) {
    int present = 0;
    for (String node : counted) {
      if (members.contains(node)) {
        present++;
      }
    }
    return 2 * present > counted.size();
  }

  int counted() {
    return counted.size();
  }
}
