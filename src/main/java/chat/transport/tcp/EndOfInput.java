package chat.transport.tcp;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * Lets a client close its sending side and still get its replies ({@code nc -N}, {@code shutdown(SHUT_WR)}).
 * Netty closes the whole socket when input ends unless half-closure is allowed; with it allowed,
 * the end of input comes as an event, which this turns into an empty read so that it reaches the
 * connection after all the data before it, through the same (pausable) queue.
 */
@ChannelHandler.Sharable
final class EndOfInput extends ChannelInboundHandlerAdapter {

  private static final EndOfInput INSTANCE = new EndOfInput();

  /** Installs it just before the Vert.x handler whose context is {@code vertxHandler}. */
  static void install(ChannelHandlerContext vertxHandler) {
    vertxHandler.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    vertxHandler.pipeline().addBefore(vertxHandler.name(), "chatEndOfInput", INSTANCE);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event == ChannelInputShutdownEvent.INSTANCE) {
      ctx.fireChannelRead(Unpooled.EMPTY_BUFFER); // a read never comes back empty otherwise
    } else {
      ctx.fireUserEventTriggered(event);
    }
  }
}
