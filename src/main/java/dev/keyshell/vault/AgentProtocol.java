package dev.keyshell.vault;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The agent's wire protocol, one request per connection: the client writes a command and shuts its
 * side; the agent answers and closes. {@code GET <session>} returns the 32 key bytes to the session
 * the agent keeps them for (nothing to any other), {@code PING} and {@code STOP} return {@code OK
 * <pid>}.
 */
final class AgentProtocol {
  static final String GET = "GET";
  static final String PING = "PING";
  static final String STOP = "STOP";
  static final long TIMEOUT_MILLIS = 2_000;

  private AgentProtocol() {}

  /**
   * Sends {@code command} to the agent at {@code socket}; its answer, at most {@code max} bytes.
   */
  static byte[] request(Path socket, String command, int max) throws IOException {
    return request(socket, command.getBytes(StandardCharsets.US_ASCII), max);
  }

  /** {@link #request(Path, String, int)} with the request as bytes. */
  static byte[] request(Path socket, byte[] command, int max) throws IOException {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ByteBuffer out = ByteBuffer.wrap(command);
      while (out.hasRemaining()) {
        ch.write(out);
      }
      ch.shutdownOutput();
      return readToEnd(ch, max);
    }
  }

  /** The pid in an {@code OK <pid>} answer, or -1. */
  static long pid(byte[] answer) {
    String s = new String(answer, StandardCharsets.US_ASCII).strip();
    try {
      return s.startsWith("OK ") ? Long.parseLong(s.substring(3)) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Reads until the peer closes, giving up after {@link #TIMEOUT_MILLIS} or beyond {@code max}
   * bytes, so a stuck peer never hangs keyshell or the agent.
   */
  static byte[] readToEnd(SocketChannel ch, int max) throws IOException {
    return readToEnd(ch, max, TIMEOUT_MILLIS);
  }

  /** {@link #readToEnd(SocketChannel, int)} within {@code millis}. */
  static byte[] readToEnd(SocketChannel ch, int max, long millis) throws IOException {
    ch.configureBlocking(false);
    ByteBuffer buf = ByteBuffer.allocate(max + 1);
    long deadline = System.nanoTime() + millis * 1_000_000;
    try (Selector selector = Selector.open()) {
      ch.register(selector, SelectionKey.OP_READ);
      while (true) {
        int n = ch.read(buf);
        if (n < 0) {
          break;
        }
        if (!buf.hasRemaining()) {
          throw new IOException("answer too long");
        }
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new IOException("no answer in time");
        }
        if (n == 0) {
          selector.select(left);
          selector.selectedKeys().clear();
        }
      }
      return Arrays.copyOf(buf.array(), buf.position());
    } finally {
      Arrays.fill(buf.array(), (byte) 0);
    }
  }

  /** Writes all of {@code bytes} to a non-blocking channel within {@code millis}. */
  static void writeAll(SocketChannel ch, byte[] bytes, long millis) throws IOException {
    ByteBuffer out = ByteBuffer.wrap(bytes);
    long deadline = System.nanoTime() + millis * 1_000_000;
    try (Selector selector = Selector.open()) {
      ch.register(selector, SelectionKey.OP_WRITE);
      while (out.hasRemaining()) {
        if (ch.write(out) == 0) {
          long left = (deadline - System.nanoTime()) / 1_000_000;
          if (left <= 0) {
            throw new IOException("the client does not read");
          }
          selector.select(left);
          selector.selectedKeys().clear();
        }
      }
    }
  }
}
