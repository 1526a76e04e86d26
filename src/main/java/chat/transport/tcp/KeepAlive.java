package chat.transport.tcp;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tunes TCP keepalive so a peer that vanished without closing (cable pulled, host gone) is
 * detected within {@code deadPeerSeconds}, while an idle user whose kernel still answers probes
 * stays connected. Vert.x exposes only on/off, so the timers are set on the Netty channel.
 */
final class KeepAlive {

  private static final Logger log = LoggerFactory.getLogger(KeepAlive.class);
  static final int PROBES = 4;

  private KeepAlive() {
  }

  /** Seconds between unanswered probes: a third of the budget is spent probing. */
  static int intervalSeconds(int deadPeerSeconds) {
    return Math.max(1, deadPeerSeconds / (3 * PROBES));
  }

  /** Idle seconds before the first probe: the rest of the budget, so idle + probes fit within it. */
  static int idleSeconds(int deadPeerSeconds) {
    return Math.max(1, deadPeerSeconds - PROBES * intervalSeconds(deadPeerSeconds));
  }

  static void tune(NetSocket socket, int deadPeerSeconds) {
    if (!(socket instanceof NetSocketInternal internal)) {
      return;
    }
    Channel channel = internal.channelHandlerContext().channel();
    int idle = idleSeconds(deadPeerSeconds);
    int interval = intervalSeconds(deadPeerSeconds);
    try {
      if (channel instanceof EpollSocketChannel) {
        channel.config().setOption(EpollChannelOption.TCP_KEEPIDLE, idle);
        channel.config().setOption(EpollChannelOption.TCP_KEEPINTVL, interval);
        channel.config().setOption(EpollChannelOption.TCP_KEEPCNT, PROBES);
        // Keepalive only probes an idle connection; this bounds the wait when unacked data is in flight.
        channel.config().setOption(EpollChannelOption.TCP_USER_TIMEOUT, deadPeerSeconds * 1000);
      } else {
        channel.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), idle);
        channel.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), interval);
        channel.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), PROBES);
      }
    } catch (RuntimeException e) {
      log.debug("Could not tune TCP keepalive: {}", e.toString());
    }
  }
}
