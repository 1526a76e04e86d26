package chat.client;

import chat.client.ClientSession.Ending;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;

/**
 * One run of the client: connects, runs a session, and when a person at a terminal loses a
 * logged-in connection, connects again with back-off and logs in under the same name. Its state
 * lives on one context; the input thread reaches it through {@link InputPump.Target}.
 */
final class ClientRun implements InputPump.Target {

  private final Vertx vertx;
  private final ClientOptions options;
  private final Console console;
  private final ClientTimings timings;
  private final String address;
  private final NetClient client;
  private final InputPump input;
  private final Promise<Integer> exit = Promise.promise();
  private Context context;
  private ClientSession session;
  private boolean started;
  private boolean stopped;
  private boolean quitting;
  private String loginName;
  private final Backoff backoff;
  private long retryTimer = -1;

  ClientRun(Vertx vertx, ClientOptions options, Console console, ClientTimings timings) {
    this.vertx = vertx;
    this.options = options;
    this.console = console;
    this.timings = timings;
    this.address = options.host() + ":" + options.port();
    this.client = vertx.createNetClient(ChatClient.netOptions(options));
    this.input = new InputPump(console, this);
    this.backoff = new Backoff(timings.retryFirstMs(), timings.retryMaxMs());
  }

  /** Completes with the exit code: 0 after quit, 3 when a script's name was refused, 1 otherwise. */
  Future<Integer> start() {
    context = vertx.getOrCreateContext();
    context.runOnContext(v -> connect());
    return exit.future().eventually(client::close);
  }

  @Override
  public Future<Void> line(String line) {
    Promise<Void> taken = Promise.promise();
    context.runOnContext(v -> {
      if (session != null) {
        session.send(line).onComplete(sent -> {
          // A person keeps typing through a lost connection; only a script stops at a failure.
          if (sent.failed() && console.interactive()) {
            taken.complete();
          } else {
            taken.handle(sent);
          }
        });
      } else if (stopped) {
        taken.fail("the client is stopping");
      } else {
        console.status("Not connected; not sent: " + line);
        taken.complete();
      }
    });
    return taken.future();
  }

  @Override
  public void quit(String line) {
    context.runOnContext(v -> {
      // The input thread reads no more after quit: a connection lost meanwhile must not be made again.
      quitting = true;
      if (session != null) {
        session.quit(line);
      } else {
        // Quitting while waiting to reconnect: the last connection was lost, not closed by quit.
        vertx.cancelTimer(retryTimer);
        finish(1);
      }
    });
  }

  private void connect() {
    client.connect(options.port(), options.host()).onComplete(connected -> {
      if (stopped) {
        if (connected.succeeded()) {
          connected.result().close();
        }
      } else if (connected.succeeded()) {
        run(connected.result());
      } else if (!started) {
        console.error("Cannot connect to " + address + ": " + ChatClient.reason(connected.cause()));
        finish(1);
      } else {
        long wait = retryLater();
        console.status("Cannot connect to " + address + ": " + ChatClient.reason(connected.cause())
            + "; trying again in " + Backoff.describe(wait) + ".");
      }
    });
  }

  private void run(NetSocket socket) {
    if (loginName != null) {
      console.status("Connected to " + address + "; logging in again as " + loginName + ".");
    }
    session = new ClientSession(vertx, socket, console, timings, address, !started && !options.tls(), loginName);
    session.run().onSuccess(this::ended);
    if (!started) {
      started = true;
      input.start();
    }
  }

  private void ended(Ending ending) {
    if (session.name() != null) {
      loginName = session.name();
      backoff.reset();
    }
    session = null;
    if (ending == Ending.LOST && console.interactive() && loginName != null && !quitting && !stopped) {
      long wait = retryLater();
      console.status("Reconnecting to " + address + " in " + Backoff.describe(wait) + ".");
      return;
    }
    finish(switch (ending) {
      case QUIT -> 0;
      case NAME_REFUSED -> 3;
      default -> 1;
    });
  }

  private long retryLater() {
    long wait = backoff.next();
    retryTimer = vertx.setTimer(wait, id -> {
      retryTimer = -1;
      connect();
    });
    return wait;
  }

  private void finish(int code) {
    stopped = true;
    input.stop();
    exit.tryComplete(code);
  }
}
