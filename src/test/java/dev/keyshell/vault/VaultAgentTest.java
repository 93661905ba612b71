package dev.keyshell.vault;

import static dev.keyshell.vault.TestVaults.PASSPHRASE;
import static dev.keyshell.vault.TestVaults.awsFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.SecureFiles;
import dev.keyshell.item.ItemRef;
import dev.keyshell.tty.Prompter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session unlock: a background agent keeps the key for later processes, and only in memory. */
class VaultAgentTest {
  @TempDir Path root;
  private final String session = UUID.randomUUID().toString();

  @AfterEach
  void stopAgents() {
    VaultAgent.stopAll(TestVaults.dirs(root));
  }

  private LocalVaultStore inSession(Prompter prompter, String... more) {
    List<String> pairs = new ArrayList<>(List.of(AgentClient.SESSION_ENV, session));
    pairs.addAll(List.of(more));
    return TestVaults.store(root, prompter, pairs.toArray(String[]::new));
  }

  /** Unlocks with the passphrase from the environment, which starts the agent. */
  private ItemRef unlockOnce(String... more) {
    List<String> pairs = new ArrayList<>(List.of(Passphrases.ENV, PASSPHRASE));
    pairs.addAll(List.of(more));
    return inSession(ScriptedPrompter.noTerminal(), pairs.toArray(String[]::new))
        .create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));
  }

  private Path socket() {
    return VaultAgent.socketFor(TestVaults.dirs(root), session).toAbsolutePath();
  }

  private ProcessHandle agent() throws Exception {
    long pid = AgentProtocol.pid(AgentProtocol.request(socket(), AgentProtocol.PING, 64));
    return ProcessHandle.of(pid).orElseThrow();
  }

  @Test
  void a_session_unlock_lets_a_later_process_read_without_asking() throws Exception {
    ItemRef ref = unlockOnce();
    assertEquals(List.of(agent()), agentsOfThisTest(), "one agent, for this session");

    // No passphrase in the environment and no terminal: only the agent can open the vault.
    ScriptedPrompter nobody = ScriptedPrompter.noTerminal();
    assertEquals("work", inSession(nobody).read(ref).title());
    assertEquals(List.of(), nobody.asked);
  }

  @Test
  void stopAll_ends_the_agent_and_locks_the_session_again() throws Exception {
    ItemRef ref = unlockOnce();
    ProcessHandle agent = agent();

    assertEquals(1, VaultAgent.stopAll(TestVaults.dirs(root)));

    assertFalse(agent.isAlive());
    assertFalse(Files.exists(socket()));
    KeyshellException locked =
        assertThrows(
            KeyshellException.class, () -> inSession(ScriptedPrompter.noTerminal()).read(ref));
    assertTrue(locked.hint().contains("KEYSHELL_VAULT_PASSPHRASE"));
    assertEquals(0, VaultAgent.stopAll(TestVaults.dirs(root)));
  }

  @Test
  void the_agent_ends_itself_after_its_idle_limit() throws Exception {
    unlockOnce(AgentLimits.IDLE_ENV, "1");
    ProcessHandle agent = agent();

    agent.onExit().get(2, TimeUnit.MINUTES);

    assertFalse(Files.exists(socket()), "it removes its socket on the way out");
  }

  @Test
  void without_a_session_no_agent_is_started() throws Exception {
    ItemRef ref =
        TestVaults.unattended(root).create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));

    assertEquals(List.of(), agentsOfThisTest(), "no agent process was started");
    assertFalse(Files.exists(VaultAgent.dir(TestVaults.dirs(root))), "nor its socket directory");
    KeyshellException locked =
        assertThrows(
            KeyshellException.class, () -> inSession(ScriptedPrompter.noTerminal()).read(ref));
    assertTrue(locked.hint().contains("KEYSHELL_VAULT_PASSPHRASE"), locked::hint);
  }

  /**
   * The agents running for this test's directories (each is given its socket's path), read from
   * {@code /proc}: {@link ProcessHandle.Info#commandLine} cuts long class paths short.
   */
  private List<ProcessHandle> agentsOfThisTest() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc to list processes");
    String name = VaultAgent.class.getName();
    String dir = root.toAbsolutePath().toString();
    return ProcessHandle.allProcesses()
        .filter(
            p -> {
              try {
                String cmdline =
                    new String(
                        Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                        StandardCharsets.UTF_8);
                return cmdline.contains(name) && cmdline.contains(dir);
              } catch (java.io.IOException e) {
                return false; // it ended meanwhile
              }
            })
        .toList();
  }

  @Test
  void a_stale_socket_counts_as_locked_and_is_replaced_on_unlock() throws Exception {
    ItemRef ref =
        TestVaults.unattended(root).create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));
    SecureFiles.ensurePrivateDir(socket().getParent());
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(socket())); // its process "died": the file stays
    }
    assertTrue(Files.exists(socket()));

    KeyshellException locked =
        assertThrows(
            KeyshellException.class, () -> inSession(ScriptedPrompter.noTerminal()).read(ref));
    assertTrue(locked.hint().contains("KEYSHELL_VAULT_PASSPHRASE"));

    inSession(ScriptedPrompter.noTerminal(), Passphrases.ENV, PASSPHRASE).read(ref);
    assertEquals("work", inSession(ScriptedPrompter.noTerminal()).read(ref).title());
  }

  /** A second vault beside the first (its own data dir, the same runtime dir and sessions). */
  private LocalVaultStore otherVault(String... envPairs) {
    Dirs dirs = TestVaults.dirs(root);
    Dirs otherDirs =
        new Dirs(dirs.config(), root.resolve("other/data"), dirs.cache(), dirs.runtime());
    return new LocalVaultStore(
        TestVaults.env(root, envPairs),
        otherDirs,
        ScriptedPrompter.noTerminal(),
        TestVaults.ITERATIONS);
  }

  @Test
  void an_agent_keeping_another_vaults_key_is_not_used_and_gets_replaced() throws Exception {
    ItemRef firstRef = unlockOnce();
    ProcessHandle first = agent();

    ItemRef ref =
        otherVault(AgentClient.SESSION_ENV, session, Passphrases.ENV, "another passphrase")
            .create("play", null, awsFields("AKIAI44QH8DHBEXAMPLE"));

    // Replaced: the first agent ended, and a new one keeps the other vault's key.
    assertFalse(first.isAlive(), "the agent keeping the first vault's key ended");
    assertNotEquals(first.pid(), agent().pid());
    assertEquals("play", otherVault(AgentClient.SESSION_ENV, session).read(ref).title());
    KeyshellException locked =
        assertThrows(
            KeyshellException.class,
            () -> inSession(ScriptedPrompter.noTerminal()).read(firstRef),
            "the first vault is locked again: its key is no longer kept");
    assertTrue(locked.hint().contains("KEYSHELL_VAULT_PASSPHRASE"), locked::hint);

    // Not used: the other vault is sealed with its own passphrase's key, not the first vault's.
    assertEquals("play", otherVault(Passphrases.ENV, "another passphrase").read(ref).title());
    assertThrows(KeyshellException.class, () -> otherVault(Passphrases.ENV, PASSPHRASE).read(ref));
  }

  @Test
  void neither_the_passphrase_nor_the_key_reaches_disk_argv_or_the_agents_environment()
      throws Exception {
    unlockOnce();
    byte[] file = Files.readAllBytes(TestVaults.vaultFile(root));
    VaultHeader header = VaultHeader.parse(file, 1, Integer.MAX_VALUE);
    byte[] key;
    try (VaultKey k =
        VaultKey.derive(PASSPHRASE.toCharArray(), header.salt(), header.iterations())) {
      key = k.material();
    }
    String hexKey = HexFormat.of().formatHex(key);
    String rawKey = new String(key, StandardCharsets.ISO_8859_1);

    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        assertFalse(content.contains(PASSPHRASE), p.toString());
        assertFalse(content.contains(rawKey) || content.contains(hexKey), p.toString());
      }
    }
    Path proc = Path.of("/proc", Long.toString(agent().pid()));
    assumeTrue(Files.isDirectory(proc), "needs /proc to look at the agent");
    String cmdline =
        new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.ISO_8859_1);
    String environ =
        new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.ISO_8859_1);
    assertTrue(cmdline.contains(VaultAgent.class.getName()));
    assertFalse(
        cmdline.contains(PASSPHRASE) || cmdline.contains(hexKey) || cmdline.contains(rawKey));
    assertFalse(environ.contains(Passphrases.ENV) || environ.contains(PASSPHRASE));
  }

  @Test
  void unlock_limits_may_be_shortened_but_never_lengthened() {
    assertEquals(new AgentLimits(600, 43_200), AgentLimits.from(TestVaults.env(root)));
    assertEquals(
        new AgentLimits(5, 60),
        AgentLimits.from(
            TestVaults.env(root, AgentLimits.IDLE_ENV, "5", AgentLimits.MAX_ENV, "60")));
    AgentLimits longer =
        AgentLimits.from(
            TestVaults.env(root, AgentLimits.IDLE_ENV, "86400", AgentLimits.MAX_ENV, "999999"));
    assertEquals(600, longer.idleSeconds());
    assertEquals(43_200, longer.maxSeconds());
    assertEquals(
        new AgentLimits(600, 1),
        AgentLimits.from(
            TestVaults.env(root, AgentLimits.IDLE_ENV, "soon", AgentLimits.MAX_ENV, "0")));
  }
}
