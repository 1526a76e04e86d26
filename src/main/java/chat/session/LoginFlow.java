package chat.session;

import chat.ops.ChatMetrics;
import chat.protocol.Lines;
import chat.protocol.Names;
import chat.registry.RegistryProtocol;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's login dialogue: the name prompt, the password step of a registered name, claiming
 * the name at the registry, and the login timeout. It ends when the user is online, leaves, or the
 * connection goes; a claim that completes after that gives the name back through {@link Owner#abandon}.
 */
final class LoginFlow implements PasswordStep.Owner {

  private static final Logger log = LoggerFactory.getLogger(LoginFlow.class);

  /** What the dialogue needs of its session. */
  interface Owner {
    /** The name is claimed and its per-user address registered: the user is online. */
    void online(String name, MessageConsumer<Object> own, boolean account);

    /** A claim completed after the dialogue ended: the name must be given back. */
    void abandon(String name, MessageConsumer<Object> own);

    /** Writes a last line and closes. */
    void finish(String line);

    /** The server closes the session (a takeover, a kick, a cut-off), now or once it is online. */
    void closedByServer(String line);

    /** The dialogue can take the next line. */
    void drain();
  }

  /** SECRET: the next line is a password; CHECKING: the account step is at the store or hashing. */
  private enum State { NAMING, CHECKING, SECRET, CLAIMING, DONE }

  private final SessionHost host;
  private final Transport transport;
  private final Replies replies;
  private final PasswordStep passwords;
  private final Owner owner;
  private State state = State.NAMING;
  private long timer;

  LoginFlow(SessionHost host, Transport transport, Replies replies, Owner owner) {
    this.host = host;
    this.transport = transport;
    this.replies = replies;
    this.owner = owner;
    this.passwords = host.accounts == null ? null : new PasswordStep(host.accounts, transport, this);
  }

  void start() {
    timer = host.vertx.setTimer(host.config.loginTimeoutSeconds * 1000L, id -> {
      timer = 0;
      if (state != State.DONE) {
        log.info("Login timed out for {}", transport.remoteAddress());
        owner.finish(Lines.LOGIN_TIMEOUT);
      }
    });
    transport.send(Lines.PROMPT);
  }

  /** Whether the dialogue waits for a line the user types (a name or a password). */
  boolean ready() {
    return state == State.NAMING || state == State.SECRET;
  }

  /** Whether the dialogue waits for a name, with nothing of a login under way. */
  boolean naming() {
    return state == State.NAMING;
  }

  /** A line typed while {@link #ready}. */
  void line(String line) {
    if (state == State.NAMING) {
      name(line);
    } else if (state == State.SECRET) {
      if (quitting(line)) { // shorter than any password: it cannot be one
        owner.finish(Lines.GOODBYE_ANONYMOUS);
        return;
      }
      state = State.CHECKING;
      passwords.secret(line);
    }
  }

  /** The session ended or the user is online: nothing more of the dialogue happens. */
  void end() {
    state = State.DONE;
    if (timer != 0) {
      host.vertx.cancelTimer(timer);
      timer = 0;
    }
  }

  static boolean quitting(String line) {
    String word = line.strip();
    return word.equalsIgnoreCase("quit") || word.equalsIgnoreCase("/quit");
  }

  @Override
  public void ask(String prompt) {
    if (state == State.CHECKING) {
      state = State.SECRET;
      replies.line(prompt);
      owner.drain();
    }
  }

  @Override
  public void claim(String candidate, boolean registered) {
    if (state == State.CHECKING) {
      claimName(candidate, registered);
    }
  }

  @Override
  public void refused(String line) {
    if (state == State.CHECKING) {
      state = State.NAMING;
      replies.line(line);
      replies.line(Lines.PROMPT);
      owner.drain();
    }
  }

  private void name(String line) {
    String candidate = line.strip(); // spaces around a name are never part of it
    if (quitting(candidate)) {
      owner.finish(Lines.GOODBYE_ANONYMOUS);
      return;
    }
    String problem = Names.problem(candidate);
    if (problem != null) {
      host.metrics.loginFailures(ChatMetrics.NAME_INVALID).increment();
      replies.line(Lines.invalidName(problem));
      replies.line(Lines.PROMPT);
      return;
    }
    if (passwords == null) {
      claimName(candidate, false);
    } else {
      state = State.CHECKING;
      passwords.name(candidate);
    }
  }

  private void claimName(String candidate, boolean registered) {
    state = State.CLAIMING;
    Login.of(host, candidate, registered, transport::send, replies::answered, owner::closedByServer, () -> state == State.CLAIMING)
        .onSuccess(own -> claimed(candidate, own, registered))
        .onFailure(this::claimFailed);
  }

  private void claimed(String candidate, MessageConsumer<Object> own, boolean registered) {
    if (state != State.CLAIMING) {
      owner.abandon(candidate, own);
      return;
    }
    end();
    owner.online(candidate, own, registered);
  }

  private void claimFailed(Throwable failure) {
    if (state != State.CLAIMING) {
      return;
    }
    state = State.NAMING;
    if (failure instanceof ReplyException reply && reply.failureCode() == RegistryProtocol.UNAVAILABLE) {
      owner.finish(reply.getMessage()); // a client that reconnects with a back-off tries again later
      return;
    }
    if (failure instanceof ReplyException reply && reply.failureCode() == RegistryProtocol.TAKEN) {
      host.metrics.loginFailures(ChatMetrics.NAME_TAKEN).increment();
      replies.line(reply.getMessage());
    } else {
      host.metrics.loginFailures(ChatMetrics.LOGIN_ERROR).increment();
      log.warn("Login failed for {}: {}", transport.remoteAddress(), failure.toString());
      replies.line(Lines.SERVER_BUSY);
    }
    replies.line(Lines.PROMPT);
    owner.drain();
  }
}
