package dev.keyshell.vault;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.PrivateDirs;
import dev.keyshell.core.SecureFiles;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The session unlock: a small background process that keeps the vault key in memory (never on disk)
 * and hands it to keyshell processes of the same terminal session over a Unix socket, until it has
 * been idle too long, has lived its maximum, or is told to stop.
 *
 * <p>Who gets the key: the socket is 0600 whatever the umask, in a 0700 directory the agent checks
 * is its own user's before it binds; every connection's peer must be this user ({@code
 * SO_PEERCRED}); and {@code GET} must name the session the agent was started for. Clients are
 * served concurrently, each given {@link #CLIENT_MILLIS} to ask, so idle connections delay no one.
 *
 * <p>Started by {@link AgentClient} as {@code java -cp <keyshell> dev.keyshell.vault.VaultAgent
 * <socket> <idle seconds> <max seconds>} with the key, then the session id, on stdin.
 */
public final class VaultAgent {
  /** How long one client has to send its request, from its connection. */
  static final long CLIENT_MILLIS = 1_000;

  /** Connections served at once; any beyond are closed at once. */
  static final int MAX_CLIENTS = 64;

  static final int MAX_SESSION = 256;

  private final Path socket;
  private final AgentLimits limits;
  private final byte[] key;
  private final byte[] session;
  private final UserPrincipal self;
  private volatile Clock lastUse = new Clock();
  private volatile boolean stopping;
  private Selector selector;

  private VaultAgent(Path socket, AgentLimits limits, byte[] key, byte[] session)
      throws IOException {
    this.socket = socket;
    this.limits = limits;
    this.key = key;
    this.session = session;
    // Its own directory, created here if need be and checked to be this user's, 0700.
    Path dir = PrivateDirs.ensure(socket.getParent());
    this.self = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
  }

  public static void main(String[] args) {
    byte[] key = new byte[0];
    byte[] session = new byte[0];
    int code = 0;
    try {
      key = System.in.readNBytes(VaultKey.LENGTH);
      session = System.in.readNBytes(MAX_SESSION + 1);
      if (args.length != 3
          || key.length != VaultKey.LENGTH
          || session.length == 0
          || session.length > MAX_SESSION) {
        code = 2;
      } else {
        AgentLimits limits = new AgentLimits(Long.parseLong(args[1]), Long.parseLong(args[2]));
        new VaultAgent(Path.of(args[0]), limits, key, session).serve();
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
    ExecutorService clients =
        new ThreadPoolExecutor(
            0,
            MAX_CLIENTS,
            5,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "agent-client");
              t.setDaemon(true);
              return t;
            });
    try (ServerSocketChannel server = bind(address);
        Selector accepting = Selector.open()) {
      if (server == null) {
        return; // another agent already serves this session
      }
      selector = accepting;
      server.configureBlocking(false);
      server.register(accepting, SelectionKey.OP_ACCEPT);
      Clock started = new Clock();
      try {
        while (!stopping) {
          long left =
              Math.min(
                  limits.idleSeconds() * 1000 - lastUse.elapsedMillis(),
                  limits.maxSeconds() * 1000 - started.elapsedMillis());
          if (left <= 0) {
            return;
          }
          accepting.select(left);
          accepting.selectedKeys().clear();
          for (SocketChannel client = server.accept();
              client != null && !stopping;
              client = server.accept()) {
            SocketChannel c = client;
            try {
              clients.execute(() -> serveOne(c));
            } catch (RejectedExecutionException busy) {
              c.close();
            }
          }
        }
      } finally {
        Files.deleteIfExists(socket);
      }
    } finally {
      clients.shutdownNow();
      Arrays.fill(session, (byte) 0);
    }
  }

  private void serveOne(SocketChannel client) {
    try (client) {
      String command = handle(client);
      if (command.startsWith(AgentProtocol.GET + " ")) {
        lastUse = new Clock();
      } else if (AgentProtocol.STOP.equals(command)) {
        stopping = true;
        selector.wakeup();
      }
    } catch (IOException | RuntimeException e) {
      // one bad client does not end the unlock
    }
  }

  /** Binds the socket unless a live agent already does; under a lock so two starts cannot race. */
  private ServerSocketChannel bind(UnixDomainSocketAddress address) throws IOException {
    try (SecureFiles.Lock lock =
        SecureFiles.lock(socket.resolveSibling(socket.getFileName() + ".lock"))) {
      if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
        try {
          AgentProtocol.request(socket, AgentProtocol.PING, 64);
          return null;
        } catch (IOException stale) {
          Files.deleteIfExists(socket);
        }
      }
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        server.bind(address);
        // bind(2) makes the socket 0777 less the umask: 0600 whatever the umask was.
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
      } catch (IOException | RuntimeException e) {
        server.close();
        Files.deleteIfExists(socket);
        throw e;
      }
      return server;
    }
  }

  private String handle(SocketChannel client) throws IOException {
    UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
    if (!self.equals(peer.user())) {
      return ""; // another user: closed without a word
    }
    byte[] request = AgentProtocol.readToEnd(client, MAX_SESSION + 16, CLIENT_MILLIS);
    String command = new String(request, StandardCharsets.US_ASCII).strip();
    byte[] answer;
    if (command.startsWith(AgentProtocol.GET + " ")) {
      byte[] asked = Arrays.copyOfRange(request, AgentProtocol.GET.length() + 1, request.length);
      answer = MessageDigest.isEqual(asked, session) ? key.clone() : new byte[0];
    } else if (command.equals(AgentProtocol.PING) || command.equals(AgentProtocol.STOP)) {
      answer = ("OK " + ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
    } else {
      answer = new byte[0];
    }
    try {
      AgentProtocol.writeAll(client, answer, CLIENT_MILLIS);
    } finally {
      Arrays.fill(answer, (byte) 0);
      Arrays.fill(request, (byte) 0);
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
