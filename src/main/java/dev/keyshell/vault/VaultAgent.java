package dev.keyshell.vault;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.SecureFiles;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The session unlock: a small background process that keeps the vault key in memory (never on disk)
 * and hands it to keyshell processes of the same terminal session over a Unix socket in a 0700
 * directory, until it has been idle too long, has lived its maximum, or is told to stop.
 *
 * <p>Started by {@link AgentClient} as {@code java -cp <keyshell> dev.keyshell.vault.VaultAgent
 * <socket> <idle seconds> <max seconds>} with the key on stdin.
 */
public final class VaultAgent {
  private final Path socket;
  private final AgentLimits limits;
  private final byte[] key;
  private final UserPrincipal owner;

  private VaultAgent(Path socket, AgentLimits limits, byte[] key) throws IOException {
    this.socket = socket;
    this.limits = limits;
    this.key = key;
    this.owner = Files.getOwner(socket.getParent());
  }

  public static void main(String[] args) {
    byte[] key = new byte[0];
    int code = 0;
    try {
      key = System.in.readNBytes(VaultKey.LENGTH + 1);
      if (args.length != 3 || key.length != VaultKey.LENGTH) {
        code = 2;
      } else {
        AgentLimits limits = new AgentLimits(Long.parseLong(args[1]), Long.parseLong(args[2]));
        new VaultAgent(Path.of(args[0]), limits, key).serve();
      }
    } catch (IOException | RuntimeException e) {
      code = 1; // stderr is discarded: a client finds no agent and asks for the passphrase
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    System.exit(code);
  }

  /** Ends every agent of this user (all sessions), for {@code keyshell lock}; how many ended. */
  public static int stopAll(Dirs dirs) {
    Path dir = dir(dirs);
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int stopped = 0;
    try (DirectoryStream<Path> sockets = Files.newDirectoryStream(dir, "*.sock")) {
      for (Path socket : sockets) {
        if (stop(socket)) {
          stopped++;
        }
      }
    } catch (IOException e) {
      // the directory vanished meanwhile: nothing left to stop
    }
    return stopped;
  }

  /** Stops the agent at {@code socket} and waits for its process to end; false when none ran. */
  static boolean stop(Path socket) {
    try {
      long pid = AgentProtocol.pid(AgentProtocol.request(socket, AgentProtocol.STOP, 64));
      if (pid > 0) {
        ProcessHandle.of(pid).ifPresent(VaultAgent::awaitExit);
      }
      return true;
    } catch (IOException e) {
      try {
        Files.deleteIfExists(socket); // stale: its agent died without cleaning up
      } catch (IOException ignored) {
        // another keyshell removed it first
      }
      return false;
    }
  }

  private static void awaitExit(ProcessHandle agent) {
    try {
      agent.onExit().get(AgentProtocol.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // it was told to stop and holds nothing more for anyone else
    }
  }

  /** {@code <runtime>/agent}: 0700, holding one socket per terminal session. */
  static Path dir(Dirs dirs) {
    return dirs.runtime().resolve("agent");
  }

  /** The session's socket; the session id is hashed so its shape cannot escape the directory. */
  static Path socketFor(Dirs dirs, String session) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256").digest(session.getBytes(StandardCharsets.UTF_8));
      return dir(dirs).resolve(HexFormat.of().formatHex(h, 0, 8) + ".sock");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }

  private void serve() throws IOException {
    UnixDomainSocketAddress address = UnixDomainSocketAddress.of(socket);
    try (ServerSocketChannel server = bind(address);
        Selector selector = Selector.open()) {
      if (server == null) {
        return; // another agent already serves this session
      }
      server.configureBlocking(false);
      server.register(selector, SelectionKey.OP_ACCEPT);
      Clock started = new Clock();
      Clock lastUse = new Clock();
      try {
        while (true) {
          long left =
              Math.min(
                  limits.idleSeconds() * 1000 - lastUse.elapsedMillis(),
                  limits.maxSeconds() * 1000 - started.elapsedMillis());
          if (left <= 0) {
            return;
          }
          selector.select(left);
          selector.selectedKeys().clear();
          SocketChannel client = server.accept();
          if (client == null) {
            continue;
          }
          try (client) {
            String command = handle(client);
            if (AgentProtocol.GET.equals(command)) {
              lastUse = new Clock();
            } else if (AgentProtocol.STOP.equals(command)) {
              return;
            }
          } catch (IOException e) {
            // one bad client does not end the unlock
          }
        }
      } finally {
        Files.deleteIfExists(socket);
      }
    }
  }

  /** Binds the socket unless a live agent already does; under a lock so two starts cannot race. */
  private ServerSocketChannel bind(UnixDomainSocketAddress address) throws IOException {
    try (SecureFiles.Lock lock =
        SecureFiles.lock(socket.resolveSibling(socket.getFileName() + ".lock"))) {
      if (Files.exists(socket)) {
        try {
          AgentProtocol.request(socket, AgentProtocol.PING, 64);
          return null;
        } catch (IOException stale) {
          Files.deleteIfExists(socket);
        }
      }
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(address);
      return server;
    }
  }

  private String handle(SocketChannel client) throws IOException {
    UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
    if (!peer.user().getName().equals(owner.getName())) {
      return "";
    }
    String command =
        new String(AgentProtocol.readToEnd(client, 16), StandardCharsets.US_ASCII).strip();
    byte[] answer =
        switch (command) {
          case AgentProtocol.GET -> key.clone();
          case AgentProtocol.PING, AgentProtocol.STOP ->
              ("OK " + ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
          default -> new byte[0];
        };
    try {
      ByteBuffer out = ByteBuffer.wrap(answer);
      while (out.hasRemaining()) {
        client.write(out);
      }
    } finally {
      Arrays.fill(answer, (byte) 0);
    }
    return command;
  }

  /**
   * Time elapsed by both the monotonic clock and the wall clock, whichever is more: a suspended
   * laptop does not advance the first, a clock change could rewind the second.
   */
  private static final class Clock {
    private final long nanos = System.nanoTime();
    private final long wall = System.currentTimeMillis();

    long elapsedMillis() {
      return Math.max((System.nanoTime() - nanos) / 1_000_000, System.currentTimeMillis() - wall);
    }
  }
}
