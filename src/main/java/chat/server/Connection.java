package chat.server;

import chat.Addresses;
import chat.protocol.Command;
import chat.protocol.Lines;
import chat.protocol.Names;
import chat.protocol.Text;
import chat.registry.RegistryRequests;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client socket: the login dialogue, the commands of a logged-in user, and its output queue.
 * Lines are handled one at a time in arrival order; while a request to the registry is out, later
 * lines wait and the socket is paused, which keeps a pipelining client correct and bounded. The
 * same holds while too many of the user's public lines are still on their way to the fan-out (a
 * sender faster than the fan-out is slowed down by TCP instead of queueing without bound), and for
 * a public line while one of the user's private lines is still at the registry.
 */
final class Connection {

  private static final Logger log = LoggerFactory.getLogger(Connection.class);
  private static final Logger messages = LoggerFactory.getLogger("chat.messages");
  private static final long CLOSE_GRACE_MILLIS = 5_000;
  /** Public (or private) lines a user may have on their way before its socket is paused. */
  private static final int MAX_IN_FLIGHT = 128;

  private enum State { NAMING, CLAIMING, ONLINE, LEAVING, CLOSED }

  private final ChatServerVerticle server;
  private final NetSocket socket;
  private final String remoteAddress;
  private final LineFramer framer;
  private final RegistryRequests registry;
  private final ArrayDeque<String> inbox = new ArrayDeque<>(2);
  private final FloodGate flood;
  private State state = State.NAMING;
  private boolean busy;
  /** The client has closed its sending side; it leaves once everything it sent is handled. */
  private boolean inputEnded;
  /** This user's public lines published but not yet back at this event loop's fan-out. */
  private int inFlight;
  /** Private lines sent to the registry and not yet answered; public lines wait for them. */
  private int privateInFlight;
  private boolean paused;
  private boolean left;
  private final Promise<Void> closed = Promise.promise();
  private String name;
  private MessageConsumer<String> consumer;
  private final ChannelHandlerContext channel;
  private final Outbox outbox;
  private long loginTimer;
  /** Index in the event loop's list of online users (see {@link ChatServerVerticle}). */
  int slot;
  /** Set by the event loop's fan-out to tell the senders of the lines at hand from the rest. */
  long mark;

  Connection(ChatServerVerticle server, NetSocket socket, String remoteAddress) {
    this.server = server;
    this.socket = socket;
    this.remoteAddress = remoteAddress;
    this.registry = server.registry();
    // Writes go straight to Netty from this context so that flushes can be batched per turn.
    this.channel = ((NetSocketInternal) socket).channelHandlerContext();
    this.outbox = new Outbox(channel, server.chatConfig().maxSendQueueBytes, new Outbox.Flusher() {
      @Override
      public void dirty() {
        server.dirty(Connection.this);
      }

      @Override
      public void urgent() {
        server.urgent(Connection.this);
      }
    });
    this.framer = new LineFramer(server.chatConfig().maxLineBytes, new LineFramer.Sink() {
      @Override
      public void line(String line) {
        onLine(line);
      }

      @Override
      public void tooLong() {
        onTooLong();
      }
    });
    var config = server.chatConfig();
    this.flood = config.floodRate > 0
        ? new FloodGate(config.floodBurst, config.floodRate, config.floodKickSeconds, System.nanoTime())
        : null;
  }

  void start() {
    socket.setWriteQueueMaxSize(server.chatConfig().maxSendQueueBytes);
    if (!socket.isSsl()) {
      EndOfInput.install(channel); // TLS ends with close_notify; a bare end of input there is a drop
    }
    socket.handler(this::onData);
    socket.closeHandler(v -> onClosed());
    socket.exceptionHandler(e -> log.debug("Socket error from {}: {}", remoteAddress, e.toString()));
    loginTimer = server.vertx().setTimer(server.chatConfig().loginTimeoutSeconds * 1000L, id -> {
      loginTimer = 0;
      if (state == State.NAMING || state == State.CLAIMING) {
        log.info("Login timed out for {}", remoteAddress);
        finish(Lines.LOGIN_TIMEOUT);
      }
    });
    send(Lines.PROMPT);
  }

  String name() {
    return name;
  }

  String key() {
    return Names.key(name);
  }

  /** Queues one line for this socket; it is written with everything else queued this turn. */
  void send(String line) {
    outbox.line(line);
  }

  /** Bytes {@code [from, to)} of the event loop's batch, whole lines, are for this user. */
  void deliver(ByteBuf batch, int from, int to) {
    outbox.shared(batch, from, to);
  }

  /**
   * One of this user's own lines came back through the fan-out (it is not sent back to them). Joins
   * and departures are not sent to their user either, with none in flight.
   */
  void ownLineBack() {
    if (inFlight > 0 && --inFlight == MAX_IN_FLIGHT / 2 && paused) {
      drain();
    }
  }

  /** The batch is full: what this user still has to get from it is handed on as it is. */
  void retire() {
    outbox.retire();
  }

  /** Writes what is queued; a client whose send queue is full is cut off instead of growing memory. */
  void flush() {
    if (!outbox.flush()) {
      log.warn("{} ({}) is not reading: send queue over {} bytes, disconnecting",
          name == null ? "unnamed client" : name, remoteAddress, server.chatConfig().maxSendQueueBytes);
      abort(); // the close handler announces the departure
    }
  }

  /** Tells the client the server is going away and closes it. */
  Future<Void> shutdown() {
    finish(Lines.SHUTDOWN);
    return closed.future();
  }

  private void onData(Buffer data) {
    if (data.length() == 0) {
      inputEnded = true; // see EndOfInput: everything the client sent is already here
      drain();
    } else {
      framer.feed(data);
    }
  }

  private void onLine(String raw) {
    if (state == State.CLOSED || state == State.LEAVING) {
      return;
    }
    String line = Text.clean(raw);
    if (line.isBlank()) {
      return;
    }
    if (state == State.ONLINE && flood != null && !admit()) {
      return;
    }
    inbox.add(line);
    drain();
  }

  private boolean admit() {
    switch (flood.check(System.nanoTime())) {
      case PASS:
        return true;
      case REFUSE:
        send(Lines.FLOODING);
        return false;
      default:
        log.warn("{} ({}) disconnected for flooding", name, remoteAddress);
        finish(Lines.FLOOD_KICK);
        return false;
    }
  }

  private void onTooLong() {
    if (state != State.CLOSED) {
      log.info("Line over {} bytes from {} rejected", server.chatConfig().maxLineBytes, remoteAddress);
      send(Lines.tooLong(server.chatConfig().maxLineBytes));
    }
  }

  private void drain() {
    boolean overtaking = false;
    while (!held() && !inbox.isEmpty() && (state == State.NAMING || state == State.ONLINE)) {
      if (state == State.NAMING) {
        login(inbox.poll());
        continue;
      }
      Command command = Command.parse(inbox.peek());
      // A public line goes to the fan-out directly, so it would overtake a private line still at the registry.
      if (command.kind() == Command.Kind.MESSAGE && privateInFlight > 0) {
        overtaking = true;
        break;
      }
      inbox.poll();
      handle(command);
    }
    boolean wait = (held() || overtaking) && !inbox.isEmpty();
    if (wait != paused) {
      paused = wait;
      if (wait) {
        socket.pause();
      } else {
        socket.resume();
      }
    }
    if (inputEnded && !busy && privateInFlight == 0 && inbox.isEmpty() && !outbox.sealed()
        && (state == State.NAMING || state == State.ONLINE)) {
      // The client said all it will say and all of it is handled: it leaves, as if the connection
      // dropped, but what is queued for it is still written first.
      inputEnded = false;
      end();
    }
  }

  /** Lines must wait: a registry request is out, or too many public or private lines are. */
  private boolean held() {
    return busy || inFlight >= MAX_IN_FLIGHT || privateInFlight >= MAX_IN_FLIGHT;
  }

  private void login(String candidate) {
    if (candidate.equalsIgnoreCase("quit") || candidate.equalsIgnoreCase("/quit")) {
      finish(Lines.GOODBYE_ANONYMOUS);
      return;
    }
    String problem = Names.problem(candidate);
    if (problem != null) {
      send(Lines.invalidName(problem));
      send(Lines.PROMPT);
      return;
    }
    state = State.CLAIMING;
    busy = true;
    registry.claim(candidate)
        .compose(v -> {
          name = candidate;
          if (state != State.CLAIMING) {
            return Future.failedFuture("connection closed during login");
          }
          consumer = server.vertx().eventBus().consumer(Addresses.user(candidate), m -> send(m.body()));
          return consumer.completion();
        })
        .compose(v -> state == State.CLAIMING ? registry.join(candidate) : Future.failedFuture("connection closed during login"))
        .onSuccess(v -> loggedIn())
        .onFailure(this::loginFailed);
  }

  private void loggedIn() {
    if (state != State.CLAIMING) {
      leave();
      return;
    }
    state = State.ONLINE;
    cancelLoginTimer();
    server.online(this);
    send(Lines.welcome(name));
    done();
  }

  private void loginFailed(Throwable failure) {
    if (name != null) {
      leave(); // the name was claimed: give it back
    }
    if (state != State.CLAIMING) {
      return;
    }
    name = null;
    consumer = null;
    left = false;
    state = State.NAMING;
    if (failure instanceof ReplyException reply && reply.failureCode() == RegistryRequests.TAKEN) {
      send(reply.getMessage());
    } else {
      log.warn("Login failed for {}: {}", remoteAddress, failure.toString());
      send(Lines.SERVER_BUSY);
    }
    send(Lines.PROMPT);
    done();
  }

  private void handle(Command command) {
    switch (command.kind()) {
      case MESSAGE -> {
        registry.broadcast(name, command.text());
        inFlight++;
        if (server.chatConfig().logMessages) {
          messages.info("Message from {}: {}", name, command.text());
        }
      }
      case PRIVATE -> privateMessage(command.target(), command.text());
      case PM_USAGE -> send(Lines.PM_USAGE);
      case USERS -> {
        busy = true;
        registry.users().onComplete(r -> {
          sendAnswer(r);
          done();
        });
      }
      case HELP -> send(Lines.INSTRUCTIONS);
      case QUIT -> quit();
      case UNKNOWN -> send(Lines.unknownCommand(command.target()));
    }
  }

  private void privateMessage(String target, String text) {
    if (Names.key(target).equals(key())) {
      send(Lines.PM_SELF);
      return;
    }
    privateInFlight++;
    registry.privateMessage(name, target, text).onComplete(r -> {
      sendAnswer(r);
      privateInFlight--;
      drain();
    });
  }

  /** The registry's answer to a request, or a line saying the server could not answer. */
  private void sendAnswer(AsyncResult<String> answer) {
    send(answer.succeeded() ? answer.result() : Lines.SERVER_BUSY);
  }

  private void quit() {
    state = State.LEAVING;
    busy = true;
    inbox.clear();
    leave().onComplete(r -> {
      if (state == State.LEAVING) {
        finish(Lines.goodbye(name));
      }
    });
  }

  private void done() {
    busy = false;
    drain();
  }

  /** Writes a last line and closes; anything queued for this client later is dropped. */
  private Future<Void> finish(String line) {
    if (outbox.sealed()) {
      return Future.succeededFuture();
    }
    send(line);
    return end();
  }

  /** Writes what is queued and closes; anything queued for this client later is dropped. */
  private Future<Void> end() {
    flush();
    outbox.seal();
    return close();
  }

  /**
   * Closes after what is queued has been written; a peer that does not read would hold that
   * forever, so after a grace period the socket is dropped without flushing.
   */
  private Future<Void> close() {
    long timer = server.vertx().setTimer(CLOSE_GRACE_MILLIS, id -> abort());
    return socket.close().onComplete(r -> server.vertx().cancelTimer(timer));
  }

  /** Drops the connection at once, discarding unsent output. */
  private void abort() {
    outbox.discard();
    // From Vert.x's own handler context, so the close skips its flush-before-close step.
    channel.close();
  }

  private void onClosed() {
    State was = state;
    state = State.CLOSED;
    outbox.discard();
    inbox.clear();
    cancelLoginTimer();
    server.closed(this, remoteAddress);
    // A login still in flight gives its name back when it completes (loggedIn / loginFailed).
    Future<Void> departed = was == State.ONLINE ? leave() : Future.succeededFuture();
    departed.onComplete(r -> closed.complete());
  }

  /** Unregisters the per-user address, then tells the registry; the name is free once this completes. */
  private Future<Void> leave() {
    if (left) {
      return Future.succeededFuture();
    }
    left = true;
    String who = name;
    MessageConsumer<String> own = consumer;
    server.offline(this);
    Future<Void> unregistered = own == null ? Future.succeededFuture() : own.unregister();
    return unregistered.transform(v -> registry.leave(who));
  }

  private void cancelLoginTimer() {
    if (loginTimer != 0) {
      server.vertx().cancelTimer(loginTimer);
      loginTimer = 0;
    }
  }
}
