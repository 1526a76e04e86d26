package chat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.protocol.Lines;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Answers in the order of the lines they answer, however and whenever they come. */
class RepliesTest {

  private final List<String> written = new ArrayList<>();
  private int releases;
  private final Replies replies = new Replies(new Recording(), () -> releases++);

  @Test
  void registryAnswersTakeThePlacesOfTheirRequests() {
    replies.fromRegistry(Future::succeededFuture);
    replies.line("local 1");
    Promise<String> users = Promise.promise();
    replies.later(users.future());
    replies.fromRegistry(Future::succeededFuture);
    replies.line("local 2");
    assertEquals(List.of(), written);

    replies.answered("[Private to Bo]: one");
    assertEquals(List.of("[Private to Bo]: one", "local 1"), written);
    replies.answered("User 'Nobody' is not online.");
    assertEquals(2, written.size(), "the second answer waits behind the user list");
    users.complete("Online users (2): Ana, Bo");
    assertEquals(List.of("[Private to Bo]: one", "local 1", "Online users (2): Ana, Bo", "User 'Nobody' is not online.", "local 2"),
        written);
    assertEquals(0, replies.pending());
    assertEquals(2, releases, "each release of waiting answers is reported, so that input can go on");
  }

  @Test
  void aRequestTheRegistryNeverGotIsAnsweredBusyInItsPlace() {
    replies.fromRegistry(Future::succeededFuture);
    replies.fromRegistry(() -> Future.failedFuture("no registry"));
    replies.fromRegistry(Future::succeededFuture);
    assertEquals(List.of(), written);
    replies.answered("first");
    replies.answered("third");
    assertEquals(List.of("first", Lines.SERVER_BUSY, "third"), written);
  }

  @Test
  void anAnswerNobodyWaitsForIsStillWritten() {
    replies.answered("[Private to Bo]: late");
    assertEquals(List.of("[Private to Bo]: late"), written);
  }

  @Test
  void anActionRunsOnceEveryEarlierAnswerIsWritten() {
    replies.fromRegistry(Future::succeededFuture);
    replies.then(() -> written.add("left"));
    assertEquals(List.of(), written);
    replies.answered("answer");
    assertEquals(List.of("answer", "left"), written);
  }

  private final class Recording implements Transport {
    @Override
    public void send(String line) {
      written.add(line);
    }

    @Override
    public void deliver(ByteBuf batch, int from, int to) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void pauseInput() {
    }

    @Override
    public void resumeInput() {
    }

    @Override
    public Future<Void> end() {
      return Future.succeededFuture();
    }

    @Override
    public void abort() {
    }

    @Override
    public boolean ending() {
      return false;
    }

    @Override
    public String remoteAddress() {
      return "127.0.0.1:1";
    }

    @Override
    public boolean secure() {
      return false;
    }

    @Override
    public String kind() {
      return "test";
    }
  }
}
