package chat.session;

import chat.Addresses;
import chat.protocol.Command;
import chat.protocol.Lines;
import chat.protocol.Names;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a logged-in user's commands do, apart from {@code quit}, which ends the {@link Session}. */
final class Commands {

  private static final Logger messages = LoggerFactory.getLogger("chat.messages");

  private final SessionHost host;
  private final Replies replies;
  private final String name;
  /** The user's own address, where the registry answers a private message. */
  private final String address;
  private final AccountCommands accounts;

  Commands(SessionHost host, Replies replies, Transport transport, String name, boolean registered) {
    this.host = host;
    this.replies = replies;
    this.name = name;
    this.address = Addresses.user(name);
    this.accounts = new AccountCommands(host, replies, transport, name, registered);
  }

  /** Carries out {@code command}; true when it was a public line, now on its way to the fan-out. */
  boolean handle(Command command) {
    switch (command.kind()) {
      case MESSAGE -> {
        host.publicLines.add(name, command.text());
        host.metrics.publicLines.increment();
        if (host.config.logMessages) {
          messages.info("Message from {}: {}", name, command.text());
        }
        return true;
      }
      case PRIVATE -> {
        if (Names.key(command.target()).equals(Names.key(name))) {
          replies.line(Lines.PM_SELF);
        } else {
          host.metrics.privateLines.increment();
          replies.fromRegistry(() -> host.registryAfterPublicLines().privateMessage(name, address, command.target(), command.text()));
        }
      }
      case PM_USAGE -> replies.line(Lines.PM_USAGE);
      case USERS -> replies.later(host.registryAfterPublicLines().users());
      case HELP -> replies.line(Lines.INSTRUCTIONS);
      case REGISTER -> accounts.register(command);
      case PASSWORD -> accounts.password(command);
      case UNKNOWN -> replies.line(Lines.unknownCommand(command.target()));
      default -> throw new IllegalArgumentException("not a command for a logged-in user: " + command.kind());
    }
    return false;
  }
}
