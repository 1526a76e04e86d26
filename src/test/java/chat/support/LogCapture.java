package chat.support;

import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/** Collects what one logger writes, so a test can wait for an exact log message. */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
  private final Logger logger;

  public LogCapture(String loggerName) {
    this.logger = (Logger) LoggerFactory.getLogger(loggerName);
    setContext(logger.getLoggerContext());
    start();
    logger.addAppender(this);
  }

  @Override
  protected void append(ILoggingEvent event) {
    messages.add(event.getFormattedMessage());
  }

  /** Waits for {@code message}, skipping others. */
  public void expect(String message) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LineClient.WAIT_MILLIS);
    try {
      while (true) {
        String next = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (next == null) {
          fail("no log message '" + message + "'");
        }
        if (next.equals(message)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted");
    }
  }

  /** Waits for a message starting with {@code prefix}, skipping others; returns it. */
  public String expectStartingWith(String prefix) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LineClient.WAIT_MILLIS);
    try {
      while (true) {
        String next = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (next == null) {
          fail("no log message starting with '" + prefix + "'");
        }
        if (next.startsWith(prefix)) {
          return next;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Asserts that nothing was logged since the last message a test waited for. */
  public void expectNothingMore() {
    String next = messages.poll();
    if (next != null) {
      fail("unexpected log message '" + next + "'");
    }
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    stop();
  }
}
