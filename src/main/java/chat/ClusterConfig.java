package chat;

import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Reads the Hazelcast settings for cluster mode, with the cluster name overridable per process. */
public final class ClusterConfig {

  private ClusterConfig() {
  }

  public static Config load(Path file, Map<String, String> env) throws IOException {
    // Hazelcast picks its logger when it first loads; the shutdown is ours, so it must not race it.
    System.setProperty("hazelcast.logging.type", "slf4j");
    Config config = new FileSystemXmlConfig(file.toFile());
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    String name = env.get("CHAT_CLUSTER_NAME");
    if (name != null && !name.isBlank()) {
      config.setClusterName(name.trim());
    }
    return config;
  }
}
