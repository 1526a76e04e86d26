package chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record format that batches of lines travel the event bus in. */
class AddressesTest {

  @Test
  void recordsComeBackInOrderIncludingEmptyFields() {
    StringBuilder body = new StringBuilder();
    Addresses.appendRecord(body, "alice", "hello there");
    Addresses.appendRecord(body, "", "Bob has joined the chat.");
    Addresses.appendRecord(body, "carol", "");
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
    String records = Addresses.appendRecord(new StringBuilder(), "sam", "Sam: hi").toString();
    String body = Addresses.broadcast("node-1", records);
    assertEquals("node-1", Addresses.broadcastOrigin(body));
    assertEquals(records, Addresses.broadcastRecords(body));
    assertEquals(List.of("sam|Sam: hi"), read(Addresses.broadcastRecords(body)));
  }

  private static List<String> read(String body) {
    List<String> records = new ArrayList<>();
    Addresses.forEachRecord(body, (b, start, firstEnd, secondEnd) ->
        records.add(b.substring(start, firstEnd) + "|" + b.substring(firstEnd + 1, secondEnd)));
    return records;
  }
}
