package chat.session;

import chat.account.Accounts;
import chat.account.Refusal;
import chat.protocol.Lines;
import chat.store.AccountStore.Account;
import io.netty.util.NetUtil;
import io.vertx.core.AsyncResult;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account part of a login, between a valid name and claiming it: a registered name asks for
 * its password; a new name is a guest's, or, with guests off, asks for a password twice and is
 * registered. The lines typed here are secrets: they are never logged, echoed or kept.
 */
final class PasswordStep {

  private static final Logger log = LoggerFactory.getLogger(PasswordStep.class);

  /** The session the step reports to; each call ends the step's wait. */
  interface Owner {
    /** Shows {@code prompt}; the next line the user types is a secret, for {@link #secret}. */
    void ask(String prompt);

    /** Claims {@code name}; {@code account} when it is registered and checked, so an older session with it is closed. */
    void claim(String name, boolean account);

    /** The login failed: {@code line}, then the username prompt again. */
    void refused(String line);
  }

  private enum Step { PASSWORD, CHOOSE, CONFIRM }

  private final Accounts accounts;
  private final Transport transport;
  private final Owner owner;
  private Step step;
  private String name;
  private Account account;
  private String chosen;

  PasswordStep(Accounts accounts, Transport transport, Owner owner) {
    this.accounts = accounts;
    this.transport = transport;
    this.owner = owner;
  }

  /** A valid name was typed. */
  void name(String candidate) {
    accounts.find(candidate).onComplete(r -> {
      if (r.failed()) {
        owner.refused(line(r));
        return;
      }
      Account found = r.result();
      if (found == null && accounts.settings().guests) {
        owner.claim(candidate, false);
      } else if (!passwordsAllowed(accounts, transport)) {
        owner.refused(Lines.TLS_REQUIRED);
      } else {
        account = found;
        name = found == null ? candidate : found.name();
        step = found == null ? Step.CHOOSE : Step.PASSWORD;
        owner.ask(found == null ? Lines.choosePassword(name) : Lines.passwordFor(name));
      }
    });
  }

  /** The line typed after {@link Owner#ask}. */
  void secret(String password) {
    switch (step) {
      case PASSWORD -> accounts.verify(account, password, transport.remoteAddress()).onComplete(r -> {
        if (r.succeeded()) {
          owner.claim(name, true);
        } else {
          owner.refused(line(r));
        }
      });
      case CHOOSE -> {
        String problem = Accounts.passwordProblem(password);
        if (problem != null) {
          owner.refused(problem);
        } else {
          chosen = password;
          step = Step.CONFIRM;
          owner.ask(Lines.CONFIRM_PASSWORD);
        }
      }
      case CONFIRM -> {
        String first = chosen;
        chosen = null;
        if (!first.equals(password)) {
          owner.refused(Lines.PASSWORDS_DIFFER);
          return;
        }
        accounts.register(name, first).onComplete(r -> {
          if (r.succeeded()) {
            owner.claim(name, true);
          } else {
            owner.refused(line(r));
          }
        });
      }
      default -> throw new IllegalStateException("no password was asked for");
    }
  }

  /** False when {@code accounts.requireTls} forbids passwords on this connection: plain, and not from this host. */
  static boolean passwordsAllowed(Accounts accounts, Transport transport) {
    if (!accounts.settings().requireTls || transport.secure()) {
      return true;
    }
    InetAddress address = NetUtil.createInetAddressFromIpAddressString(transport.remoteAddress());
    return address != null && address.isLoopbackAddress();
  }

  /** The user's line for a failed account operation. */
  static String line(AsyncResult<?> result) {
    if (result.cause() instanceof Refusal refusal) {
      return refusal.getMessage();
    }
    log.warn("Account operation failed: {}", result.cause().toString());
    return Lines.SERVER_BUSY;
  }
}
