package chat.session;

import chat.fanout.FanOut;
import chat.protocol.Command;
import chat.protocol.Lines;
import chat.protocol.Names;
import chat.protocol.Text;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user's session on any transport: the login dialogue ({@link LoginFlow}), the commands of a
 * logged-in user, and leaving. Lines are handled one at a time in arrival order (see {@link InputGate}) and answered in
 * that order (see {@link Replies}). A public line waits until every earlier line is answered, since
 * it goes to the fan-out directly and would otherwise overtake a private line still at the
 * registry; lines also wait while too many of the user's public lines are on their way to the
 * fan-out, so a sender faster than the fan-out is slowed down by TCP instead of queueing without bound.
 */
public final class Session implements FanOut.Member, InputGate.Owner, LoginFlow.Owner {

  private static final Logger log = LoggerFactory.getLogger(Session.class);
  /** Public lines on their way to the fan-out, or answers outstanding, before input waits. */
  private static final int MAX_IN_FLIGHT = 128;

  private enum State { LOGIN, ONLINE, LEAVING, CLOSED }

  private final SessionHost host;
  private final Transport transport;
  private final InputGate gate;
  private final Replies replies;
  private final LoginFlow login;
  private Commands commands;
  private final Promise<Void> closed = Promise.promise();
  private State state = State.LOGIN;
  private String name;
  private MessageConsumer<Object> consumer;
  private FanOut.Seat seat;
  private boolean left;
  /** The client has closed its sending side; it leaves once everything it sent is handled. */
  private boolean inputEnded;
  /** This user's public lines published but not yet back at this event loop's fan-out. */
  private int inFlight;
  /** The last line {@link #ready} parsed, so {@link #handle} need not parse it again. */
  private String parsedLine;
  private Command parsed;

  public Session(SessionHost host, Transport transport) {
    this.host = host;
    this.transport = transport;
    this.replies = new Replies(transport, this::drain);
    var config = host.config;
    FloodBudget budget = config.floodRate > 0 ? new FloodBudget(config.floodBurst, config.floodRate, System.nanoTime()) : null;
    this.gate = new InputGate(this, budget, config.floodKickSeconds * 1_000_000_000L, host.vertx);
    this.login = new LoginFlow(host, transport, replies, this);
  }

  public void start() {
    login.start();
  }

  /** One line the client sent, as decoded text without its line end. */
  public void line(String raw) {
    if (state == State.CLOSED || state == State.LEAVING) {
      return;
    }
    String line = Text.clean(raw);
    if (!line.isBlank()) {
      gate.offer(line);
    }
  }

  /** The client sent a line over {@code maxLineBytes}; it was dropped. */
  public void tooLong() {
    if (state != State.CLOSED) {
      log.info("Line over {} bytes from {} rejected", host.config.maxLineBytes, transport.remoteAddress());
      replies.line(Lines.tooLong(host.config.maxLineBytes));
    }
  }

  /** The client closed its sending side: once everything it sent is handled and answered, it leaves. */
  public void inputEnded() {
    inputEnded = true;
    gate.drain();
  }

  /** Tells the client the server is going away and closes it; completes once its departure is handled. */
  public Future<Void> shutdown() {
    finish(Lines.SHUTDOWN);
    return closed.future();
  }

  @Override
  public void deliver(ByteBuf batch, int from, int to) {
    transport.deliver(batch, from, to);
  }

  @Override
  public void ownLineBack() {
    if (inFlight > 0 && --inFlight == MAX_IN_FLIGHT / 2) {
      gate.drain();
    }
  }

  @Override
  public boolean ready(String line) {
    switch (state) {
      case LOGIN:
        return login.ready();
      case ONLINE:
        if (inFlight >= MAX_IN_FLIGHT || replies.pending() >= MAX_IN_FLIGHT) {
          return false;
        }
        return command(line).kind() != Command.Kind.MESSAGE || replies.pending() == 0;
      default:
        return false;
    }
  }

  @Override
  public void handle(String line) {
    if (state == State.LOGIN) {
      login.line(line);
      return;
    }
    Command command = command(line);
    parsedLine = null;
    parsed = null;
    if (command.kind() == Command.Kind.QUIT) {
      quit();
    } else if (commands.handle(command)) {
      inFlight++;
    }
  }

  @Override
  public void pauseInput() {
    transport.pauseInput();
  }

  @Override
  public void resumeInput() {
    transport.resumeInput();
  }

  /** The user's name while logged in, else null. */
  public String onlineName() {
    return state == State.ONLINE ? name : null;
  }

  public String remoteAddress() {
    return transport.remoteAddress();
  }

  public String transportKind() {
    return transport.kind();
  }

  @Override
  public void slowed() {
    host.metrics.floodHolds.increment();
    replies.line(Lines.slowed(host.config.floodRate));
  }

  @Override
  public void flooded() {
    host.metrics.floodKicks.increment();
    log.warn("{} ({}) disconnected for flooding", name == null ? "unnamed client" : name, transport.remoteAddress());
    finish(Lines.FLOOD_KICK);
  }

  /** The connection is gone: a logged-in user leaves. */
  public void closed() {
    State was = state;
    state = State.CLOSED;
    gate.close();
    login.end(); // a claim still in flight gives its name back when it completes (abandon)
    Future<Void> departed = was == State.ONLINE ? leave() : Future.succeededFuture();
    departed.onComplete(r -> closed.complete());
  }

  @Override
  public void drain() {
    gate.drain();
  }

  private Command command(String line) {
    if (parsedLine != line) {
      parsedLine = line;
      parsed = Command.parse(line);
    }
    return parsed;
  }

  @Override
  public void online(String candidate, MessageConsumer<Object> own, boolean account) {
    name = candidate;
    consumer = own;
    state = State.ONLINE;
    seat = host.fanOut.join(Names.key(name), this);
    host.metrics.logins.increment();
    host.metrics.online(transport.kind());
    commands = new Commands(host, replies, transport, name, account);
    replies.line(Lines.welcome(name));
    gate.drain();
  }

  @Override
  public void abandon(String candidate, MessageConsumer<Object> own) {
    name = candidate;
    consumer = own;
    leave();
  }

  @Override
  public void closedByServer(String line) {
    log.info("{} ({}) disconnected by the server: {}", name, transport.remoteAddress(), line);
    finish(line);
  }

  private void quit() {
    state = State.LEAVING;
    gate.close();
    // The registry answers private lines at the user's address, which leaving unregisters: leave
    // once every answer is in and written.
    replies.then(() -> leave().onComplete(r -> {
      if (state == State.LEAVING) {
        finish(Lines.goodbye(name));
      }
    }));
  }

  @Override
  public void idle() {
    if (inputEnded && gate.isEmpty() && replies.pending() == 0 && !transport.ending()
        && (state == State.ONLINE || state == State.LOGIN && login.naming())) {
      // The client said all it will say and all of it is answered: it leaves, as if the connection
      // dropped, but what is queued for it is still written first.
      inputEnded = false;
      transport.end();
    }
  }

  /** Writes a last line and closes; anything queued for this client later is dropped. */
  @Override
  public void finish(String line) {
    if (transport.ending()) {
      return;
    }
    gate.close();
    transport.send(line);
    transport.end();
  }

  /** Unregisters the per-user address, then tells the registry; the name is free once this completes. */
  private Future<Void> leave() {
    if (left) {
      return Future.succeededFuture();
    }
    left = true;
    String who = name;
    MessageConsumer<Object> own = consumer;
    if (seat != null) {
      seat.leave();
      host.metrics.offline(transport.kind());
    }
    Future<Void> unregistered = own == null ? Future.succeededFuture() : own.unregister();
    return unregistered.transform(v -> host.registryAfterPublicLines().leave(who));
  }
}
