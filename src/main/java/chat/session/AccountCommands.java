package chat.session;

import chat.protocol.Command;
import chat.protocol.Lines;
import io.vertx.core.Future;

/** {@code /register} and {@code /password} for a logged-in user; their arguments are passwords, never logged. */
final class AccountCommands {

  private final SessionHost host;
  private final Replies replies;
  private final Transport transport;
  private final String name;
  /** The name is an account: logged in with its password, or registered in this session. */
  private boolean registered;

  AccountCommands(SessionHost host, Replies replies, Transport transport, String name, boolean registered) {
    this.host = host;
    this.replies = replies;
    this.transport = transport;
    this.name = name;
    this.registered = registered;
  }

  void register(Command command) {
    if (host.accounts == null) {
      replies.line(Lines.ACCOUNTS_OFF);
    } else if (command.text() == null) {
      replies.line(Lines.REGISTER_USAGE);
    } else if (registered) {
      replies.line(Lines.alreadyRegistered(name));
    } else if (!PasswordStep.passwordsAllowed(host.accounts, transport)) {
      replies.line(Lines.TLS_REQUIRED);
    } else {
      replies.later(answer(host.accounts.register(name, command.text()).map(v -> {
        registered = true;
        return Lines.registered(name);
      })));
    }
  }

  void password(Command command) {
    if (host.accounts == null) {
      replies.line(Lines.ACCOUNTS_OFF);
    } else if (command.text() == null) {
      replies.line(Lines.PASSWORD_USAGE);
    } else if (!registered) {
      replies.line(Lines.NOT_REGISTERED);
    } else if (!PasswordStep.passwordsAllowed(host.accounts, transport)) {
      replies.line(Lines.TLS_REQUIRED);
    } else {
      replies.later(answer(host.accounts.change(name, command.target(), command.text(), transport.remoteAddress())
          .map(v -> Lines.PASSWORD_CHANGED)));
    }
  }

  private static Future<String> answer(Future<String> done) {
    return done.transform(r -> Future.succeededFuture(r.succeeded() ? r.result() : PasswordStep.line(r)));
  }
}
