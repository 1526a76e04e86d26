package chat.client;

/**
 * The client's waits, in milliseconds; tests shorten them.
 *
 * @param firstLineMs how long a plain connection may stay silent before the client concludes the port speaks TLS
 * @param quitGraceMs how long to wait for the server to close after quit before closing ourselves
 * @param retryFirstMs the first wait before reconnecting; each failed attempt doubles it
 * @param retryMaxMs the longest wait between attempts
 */
record ClientTimings(long firstLineMs, long quitGraceMs, long retryFirstMs, long retryMaxMs) {

  static final ClientTimings DEFAULT = new ClientTimings(5_000, 5_000, 1_000, 30_000);
}
