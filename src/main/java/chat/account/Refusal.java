package chat.account;

/** An account operation said no: its message is the line for the user. No stack trace: it is expected. */
public final class Refusal extends RuntimeException {

  public Refusal(String line) {
    super(line, null, false, false);
  }
}
