package chat.protocol;

/** Makes received text safe to show on other people's terminals. */
public final class Text {

  private Text() {
  }

  /**
   * Removes control characters other than tab: C0, DEL and C1 (ESC among them), so nobody can
   * inject terminal escape sequences. Invalid UTF-8 was already turned into U+FFFD by decoding.
   */
  public static String clean(String s) {
    int i = 0;
    while (i < s.length() && !isControl(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    out.append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isControl(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isControl(char c) {
    return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f);
  }
}
