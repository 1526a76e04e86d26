package chat.support;

import chat.protocol.Lines;

/** The account dialogues of the protocol, as a test client goes through them. */
public final class Accounts {

  private Accounts() {
  }

  /** Logs in as a guest and registers the name with {@code password}. */
  public static LineClient register(int port, String name, String password) {
    LineClient client = LineClient.login(port, name);
    client.send("/register " + password);
    client.readUntil(Lines.registered(name)::equals); // joins of others may come first
    return client;
  }

  /** Logs in to the account {@code name} with its password, from {@code client}'s connection. */
  public static LineClient login(LineClient client, String name, String password) {
    client.expect(Lines.PROMPT);
    client.send(name);
    client.expect(Lines.passwordFor(name));
    client.send(password);
    client.expect(Lines.welcome(name));
    return client;
  }

  /**
   * At the username prompt, types {@code typed} (a spelling of the account {@code name}) and a wrong
   * {@code password}: the refusal, then the prompt again.
   */
  public static void wrongPassword(LineClient client, String typed, String name, String password) {
    client.send(typed);
    client.expect(Lines.passwordFor(name));
    client.send(password);
    client.expect(Lines.wrongPassword(name));
    client.expect(Lines.PROMPT);
  }

  public static LineClient login(int port, String name, String password) {
    return login(LineClient.connect(port), name, password);
  }
}
