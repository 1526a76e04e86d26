package chat.client;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Tab completion: commands and names at the start of a line, names after {@code /pm} and in messages. */
final class NameCompleter implements Completer {

  static final List<String> COMMANDS = List.of("/pm", "/users", "/help", "/quit", "quit");

  private final Roster roster;

  NameCompleter(Roster roster) {
    this.roster = roster;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> names = roster.others();
    if (line.wordIndex() == 0) {
      COMMANDS.forEach(command -> candidates.add(new Candidate(command)));
      // At the start of a message a name addresses someone, as IRC clients complete it: "tom: ".
      names.forEach(name -> candidates.add(new Candidate(name + ":", name, null, null, null, null, true)));
    } else {
      names.forEach(name -> candidates.add(new Candidate(name)));
    }
  }
}
