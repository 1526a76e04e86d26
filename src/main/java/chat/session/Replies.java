package chat.session;

import chat.protocol.Lines;
import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * A session's answers, sent in the order of the lines they answer whether an answer is at hand or
 * still on its way from the registry: an answer that is ready waits behind earlier ones that are not.
 */
final class Replies {

  private final Transport transport;
  private final Runnable released;
  private final ArrayDeque<Slot> waiting = new ArrayDeque<>();
  /** The slots among {@link #waiting} that the registry answers at the user's address, oldest first. */
  private final ArrayDeque<Slot> fromRegistry = new ArrayDeque<>();

  /** An answer (null until it comes) or, with {@code action}, a step to take once all before it are sent. */
  private static final class Slot {
    private String line;
    private final Runnable action;

    private Slot(String line, Runnable action) {
      this.line = line;
      this.action = action;
    }
  }

  /** {@code released} runs whenever answers that were waiting have been sent. */
  Replies(Transport transport, Runnable released) {
    this.transport = transport;
    this.released = released;
  }

  void line(String line) {
    if (waiting.isEmpty()) {
      transport.send(line);
    } else {
      waiting.add(new Slot(line, null));
    }
  }

  /** An answer still to come (one line, or several separated by newlines); a failed one becomes the "server busy" line. */
  void later(Future<String> answer) {
    Slot slot = new Slot(null, null);
    waiting.add(slot);
    answer.onComplete(r -> {
      slot.line = r.succeeded() ? r.result() : Lines.SERVER_BUSY;
      release();
    });
  }

  /**
   * An answer the registry sends to this user's address (see {@link #answered}) for the request
   * {@code ask} hands it; when the request could not be handed over, the "server busy" line. The
   * place is taken before asking, since the event bus reports that failure before {@code ask} returns.
   */
  void fromRegistry(Supplier<Future<Void>> ask) {
    Slot slot = new Slot(null, null);
    waiting.add(slot);
    fromRegistry.add(slot);
    ask.get().onFailure(e -> {
      if (fromRegistry.remove(slot)) {
        slot.line = Lines.SERVER_BUSY;
        release();
      }
    });
  }

  /** The registry's answer to the oldest request still waiting for one (see {@link #fromRegistry}). */
  void answered(String line) {
    Slot slot = fromRegistry.poll();
    if (slot == null) {
      send(line); // not asked for by this session: still the user's, so written rather than dropped
      return;
    }
    slot.line = line;
    release();
  }

  /** Runs {@code action} once every answer queued so far has been sent. */
  void then(Runnable action) {
    if (waiting.isEmpty()) {
      action.run();
    } else {
      waiting.add(new Slot(null, action));
    }
  }

  /** Answers queued and not sent yet. */
  int pending() {
    return waiting.size();
  }

  private void send(String answer) {
    int from = 0;
    for (int end; (end = answer.indexOf('\n', from)) >= 0; from = end + 1) {
      transport.send(answer.substring(from, end));
    }
    transport.send(from == 0 ? answer : answer.substring(from));
  }

  private void release() {
    boolean any = false;
    while (!waiting.isEmpty() && (waiting.peek().line != null || waiting.peek().action != null)) {
      Slot slot = waiting.poll();
      any = true;
      if (slot.action != null) {
        slot.action.run();
      } else {
        send(slot.line);
      }
    }
    if (any) {
      released.run();
    }
  }
}
