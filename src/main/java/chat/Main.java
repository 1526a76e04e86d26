package chat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Entry point of the jar: the server by default, or the {@code client}, {@code bench} and {@code logins} tools. */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    String command = args.length > 0 ? args[0] : "";
    boolean tool = command.equals("client") || command.equals("bench") || command.equals("logins");
    if (System.getProperty("logback.configurationFile") == null) {
      if (tool) {
        System.setProperty("logback.configurationFile", "logback-tools.xml");
      } else if (Files.isRegularFile(Path.of("conf/logback.xml"))) {
        System.setProperty("logback.configurationFile", "conf/logback.xml");
      }
    }
    String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
    switch (command) {
      case "client" -> System.exit(chat.client.ChatClient.run(rest));
      case "bench" -> System.exit(chat.bench.Bench.run(rest));
      case "logins" -> System.exit(chat.bench.LoginStorm.run(rest));
      default -> ServerLauncher.run(args);
    }
  }
}
