package dev.keyshell.vault;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.PrivateDirs;
import dev.keyshell.core.SecureFiles;
import dev.keyshell.proc.JavaProcess;
import dev.keyshell.tty.Prompter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * This terminal session's side of the {@link VaultAgent}: fetches the key it keeps, or starts one
 * to keep a key just unlocked. Without {@code KEYSHELL_SESSION} it does nothing, and any failure
 * here only means the next process asks for the passphrase again.
 */
final class AgentClient {
  static final String SESSION_ENV = "KEYSHELL_SESSION";

  /** Unix socket paths are limited to 108 bytes (sun_path) on Linux, 104 on macOS. */
  static final int MAX_SOCKET_PATH = 100;

  private static final int READY_POLLS = 100;
  private static final long READY_POLL_MILLIS = 50;

  private final Dirs dirs;
  private final Prompter prompter;
  private final Optional<String> session;
  private final AgentLimits limits;

  AgentClient(Env env, Dirs dirs, Prompter prompter) {
    this.dirs = dirs;
    this.prompter = prompter;
    this.session = env.get(SESSION_ENV);
    this.limits = AgentLimits.from(env);
  }

  /** The key the session's agent keeps; empty when there is no session or no live agent. */
  Optional<VaultKey> fetch() {
    Optional<Path> socket = socket();
    if (socket.isEmpty() || !Files.exists(socket.get())) {
      return Optional.empty();
    }
    byte[] answer = new byte[0];
    try {
      SecureFiles.checkPrivate(VaultAgent.dir(dirs));
      answer = AgentProtocol.request(socket.get(), getRequest(), VaultKey.LENGTH);
      return answer.length == VaultKey.LENGTH ? Optional.of(VaultKey.of(answer)) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // dead or stale: locked
    } finally {
      Arrays.fill(answer, (byte) 0);
    }
  }

  /** {@code GET <session>}: the agent answers only the session it was started for. */
  private byte[] getRequest() {
    return (AgentProtocol.GET + " " + session.orElse("")).getBytes(StandardCharsets.UTF_8);
  }

  /** Starts an agent keeping {@code key} for this session, replacing one that keeps another. */
  void keep(VaultKey key) {
    Optional<Path> socket = socket();
    byte[] id = session.orElse("").getBytes(StandardCharsets.UTF_8);
    if (socket.isEmpty() || id.length > VaultAgent.MAX_SESSION) {
      return;
    }
    byte[] material = key.material();
    try {
      PrivateDirs.ensure(VaultAgent.dir(dirs));
      if (Files.exists(socket.get(), LinkOption.NOFOLLOW_LINKS)) {
        VaultAgent.stop(socket.get());
      }
      Process agent = start(socket.get());
      try (OutputStream in = agent.getOutputStream()) {
        in.write(material);
        in.write(id);
      }
      awaitReady(socket.get(), agent);
    } catch (IOException | RuntimeException e) {
      prompter.say(
          "keyshell: the vault stays unlocked only for this command (" + e.getMessage() + ")");
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  private Optional<Path> socket() {
    return session.map(s -> VaultAgent.socketFor(dirs, s).toAbsolutePath());
  }

  private Process start(Path socket) throws IOException {
    if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
      throw new IOException("the runtime directory path is too long for a Unix socket");
    }
    List<String> command = JavaProcess.detached();
    command.addAll(
        List.of(
            VaultAgent.class.getName(),
            socket.toString(),
            Long.toString(limits.idleSeconds()),
            Long.toString(limits.maxSeconds())));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(VaultAgent.dir(dirs).toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    // The agent needs none of our environment, and must not inherit KEYSHELL_VAULT_PASSPHRASE.
    pb.environment().clear();
    return pb.start();
  }

  /** Waits until the agent answers, so the very next keyshell process finds it. */
  private static void awaitReady(Path socket, Process agent) throws IOException {
    for (int i = 0; i < READY_POLLS && agent.isAlive(); i++) {
      if (Files.exists(socket)) {
        try {
          AgentProtocol.request(socket, AgentProtocol.PING, 64);
          return;
        } catch (IOException notYet) {
          // bound but not yet accepting
        }
      }
      try {
        Thread.sleep(READY_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (!agent.isAlive()) {
      throw new IOException("the unlock agent did not start");
    }
  }
}
