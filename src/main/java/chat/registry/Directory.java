package chat.registry;

import chat.Addresses;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everyone online on every node, by case-folded name, and which of them this node serves. */
final class Directory {

  /** A user as spelled at login, the node whose sockets serve them, and their per-user address. */
  record Online(String name, String node, String address) {

    Online(String name, String node) {
      this(name, node, Addresses.user(name));
    }
  }

  private final String nodeId;
  private final Map<String, Online> online = new HashMap<>();
  private final Set<String> local = new HashSet<>();

  Directory(String nodeId) {
    this.nodeId = nodeId;
  }

  Online get(String key) {
    return online.get(key);
  }

  void joinedHere(String key, String name) {
    local.add(key);
    online.put(key, new Online(name, nodeId));
  }

  /** Returns whether the user was online here. */
  boolean leftHere(String key) {
    if (!local.remove(key)) {
      return false;
    }
    online.remove(key);
    return true;
  }

  /** A user of another node; returns whether that is news. */
  boolean joinedThere(String key, String name, String node) {
    return online.putIfAbsent(key, new Online(name, node)) == null;
  }

  /** Returns whether the user was online there. */
  boolean leftThere(String key, String name, String node) {
    return online.remove(key, new Online(name, node));
  }

  /** Takes every user of {@code node} offline and returns them, by key. */
  Map<String, Online> removeNode(String node) {
    Map<String, Online> gone = new HashMap<>();
    online.entrySet().removeIf(user -> {
      boolean there = user.getValue().node().equals(node);
      if (there) {
        gone.put(user.getKey(), user.getValue());
      }
      return there;
    });
    return gone;
  }

  boolean isLocal(String key) {
    return local.contains(key);
  }

  /** This node's users, as spelled. */
  List<String> localNames() {
    List<String> names = new ArrayList<>(local.size());
    local.forEach(key -> names.add(online.get(key).name()));
    return names;
  }

  /** Forgets everyone else's users, before reading who is online again. */
  void keepLocalOnly() {
    online.keySet().retainAll(local);
  }

  /** Forgets this node's users, once their names have been given back. */
  void clearLocal() {
    local.forEach(online::remove);
    local.clear();
  }

  /** Everyone's name, sorted ignoring case. */
  List<String> sortedNames() {
    List<String> all = new ArrayList<>(online.size());
    online.values().forEach(user -> all.add(user.name()));
    all.sort(String.CASE_INSENSITIVE_ORDER);
    return all;
  }

  /** Everyone online, in no particular order. */
  Collection<Online> all() {
    return Collections.unmodifiableCollection(online.values());
  }

  int size() {
    return online.size();
  }
}
