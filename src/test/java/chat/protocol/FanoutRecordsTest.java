package chat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record format that batches of lines travel the event bus in. */
class FanoutRecordsTest {

  @Test
  void recordsComeBackInOrderIncludingEmptyFields() {
    StringBuilder body = new StringBuilder();
    FanoutRecords.append(body, "alice", "hello there");
    FanoutRecords.append(body, "", "Bob has joined the chat.");
    FanoutRecords.append(body, "carol", "");
    assertEquals(List.of("alice|hello there", "|Bob has joined the chat.", "carol|"), read(body.toString()));
  }

  @Test
  void anIncompleteRecordAtTheEndIsIgnored() {
    assertEquals(List.of("a|b"), read("a\nb\nc\nd"));
    assertEquals(List.of("a|b"), read("a\nb\nc"));
    assertEquals(List.of(), read(""));
  }

  @Test
  void aBroadcastCarriesItsOriginNodeBeforeTheRecords() {
    String records = FanoutRecords.of("sam", "Sam: hi");
    String body = FanoutRecords.broadcast("node-1", "first", records);
    assertEquals("node-1", FanoutRecords.origin(body));
    assertEquals("first", FanoutRecords.incarnation(body));
    assertEquals(records, FanoutRecords.records(body));
    assertEquals(List.of("sam|Sam: hi"), read(FanoutRecords.records(body)));
  }

  private static List<String> read(String body) {
    List<String> records = new ArrayList<>();
    FanoutRecords.forEach(body, (b, start, firstEnd, secondEnd) ->
        records.add(b.substring(start, firstEnd) + "|" + b.substring(firstEnd + 1, secondEnd)));
    return records;
  }
}
