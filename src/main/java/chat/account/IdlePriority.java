package chat.account;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Puts the calling thread in Linux's {@code SCHED_IDLE} class: it runs only on CPU time no other
 * thread wants, and any thread that wakes (an event loop with input) takes the core from it at once.
 * That is what password hashing needs on a small machine: a login storm must wait, not the chat.
 */
final class IdlePriority {

  private static final int SCHED_IDLE = 5;

  /** The C library's call; {@code param} is a {@code struct sched_param}, a single int. */
  private interface LibC extends Library {
    int sched_setscheduler(int pid, int policy, int[] param);
  }

  private IdlePriority() {
  }

  /** Lowers the calling thread; returns why it could not, or null when it did. */
  static String lowerCurrentThread() {
    if (!Platform.isLinux()) {
      return "SCHED_IDLE is Linux's, this is " + System.getProperty("os.name");
    }
    try {
      LibC libc = Native.load("c", LibC.class);
      if (libc.sched_setscheduler(0, SCHED_IDLE, new int[] {0}) != 0) {
        return "sched_setscheduler failed with errno " + Native.getLastError();
      }
      return null;
    } catch (LinkageError | RuntimeException e) {
      return "no native access (" + e + ")";
    }
  }
}
