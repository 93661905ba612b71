package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, finding 8: the unlock agent started under umask 000, asked by another user, by another
 * session of the same user, and held up by idle connections. The attack scripts are in
 * src/test/resources/attacks.
 */
class AgentAttackIT {
  static final Path ATTACKS = Sandbox.PROJECT.resolve("src/test/resources/attacks");
  static final String SESSION = Accounts.SESSION;

  @TempDir Path tmp;
  Accounts accounts;
  SystemUser victim;
  SystemUser attacker;
  Sandbox box;

  @BeforeEach
  void setUp() throws Exception {
    accounts = new Accounts(tmp);
    victim = accounts.victim;
    attacker = accounts.attacker;
    box = accounts.box;
  }

  @AfterEach
  void tearDown() {
    accounts.close();
  }

  /** Unlocks under umask 000, which starts the agent; its socket. */
  private Path unlockUnderUmask000() throws Exception {
    box.shell("bash", "umask 000 && " + Sandbox.KEYSHELL + " exec -- true").ok();
    try (Stream<Path> sockets = Files.list(box.runtime.resolve("keyshell/agent"))) {
      List<Path> found = sockets.filter(p -> p.toString().endsWith(".sock")).toList();
      assertEquals(1, found.size(), found.toString());
      return found.get(0);
    }
  }

  private String ask(SystemUser who, Path socket, String request) throws Exception {
    return who.as(
            "/usr/bin/python3",
            ATTACKS.resolve("agent-get.py").toString(),
            socket.toString(),
            request)
        .strip();
  }

  @Test
  void the_socket_is_private_whatever_the_umask_and_answers_only_its_user_and_session()
      throws Exception {
    Path socket = unlockUnderUmask000();

    assertEquals("rw-------", mode(socket));
    assertEquals("rwx------", mode(socket.getParent()));
    assertEquals(victim.uid(), Files.getAttribute(socket, "unix:uid", LinkOption.NOFOLLOW_LINKS));
    assertEquals("32", ask(victim, socket, "GET " + SESSION), "the session itself gets its key");

    // Even with the directory and socket opened up (as an umask or a mistake could), the agent
    // looks at who is asking (SO_PEERCRED), and at which session.
    for (Path dir = socket.getParent(); !dir.equals(box.root); dir = dir.getParent()) {
      SystemUser.run(List.of("chmod", "711", dir.toString()));
    }
    SystemUser.run(List.of("chmod", "666", socket.toString()));
    String theirs = ask(attacker, socket, "GET " + SESSION);
    assertTrue(theirs.equals("0") || theirs.startsWith("refused"), "another user: " + theirs);
    assertEquals("0", ask(victim, socket, "GET fedcba9876543210fedcba98"), "another session");
    assertEquals("0", ask(victim, socket, "GET"), "no session");
    assertEquals("32", ask(victim, socket, "GET " + SESSION));
  }

  @Test
  void twenty_idle_connections_delay_no_one() throws Exception {
    Path socket = unlockUnderUmask000();
    box.env.remove("KEYSHELL_VAULT_PASSPHRASE"); // from now on only the agent can open the vault
    List<String> idle = new ArrayList<>(victim.prefix());
    idle.addAll(
        List.of(
            "/usr/bin/python3",
            ATTACKS.resolve("agent-idle.py").toString(),
            socket.toString(),
            "20"));
    idle.add("30");
    Process holder = new ProcessBuilder(idle).redirectErrorStream(true).start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("ready", out.readLine());

      long start = System.nanoTime();
      // Another profile: no warm session, so the vault is read, through the agent.
      Sandbox.Result r = box.keyshell(null, "exec", "--profile", "dev-admin", "--", "true");
      long millis = (System.nanoTime() - start) / 1_000_000;

      r.ok();
      assertTrue(millis < 15_000, "took " + millis + " ms");
      assertEquals("32", ask(victim, socket, "GET " + SESSION));
    } finally {
      holder.destroyForcibly();
    }
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }
}
