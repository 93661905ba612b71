package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
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
 * The run agent (entry/RunAgent) through the real launcher: a warm hit it serves runs the child
 * exactly as the JVM would (argv, environment, working directory, exit code); anything else, and an
 * agent that does not answer, goes to the JVM; {@code keyshell lock} stops it; a directory that is
 * not this user's is never asked.
 */
class RunAgentIT {
  @TempDir Path tmp;
  Sandbox box;
  StsStandIn sts;
  Path aws;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    box = Users.initialised(tmp, sts, Users.CONFIG);
    // The child must be called aws to be wrapped: a script that shows what it was given.
    aws = box.root.resolve("fake/aws");
    Files.createDirectories(aws.getParent());
    Files.writeString(
        aws, "#!/bin/sh\nprintf '<%s>\\n' \"$@\"\npwd\nenv | LC_ALL=C sort\nexit 7\n");
    Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwx------"));
    assertEquals(7, run("sts", "get-caller-identity").exit(), "the first call mints");
    RunAgents.recordJvms(box);
  }

  @AfterEach
  void tearDown() {
    box.keyshell(null, "lock");
    sts.close();
  }

  private Sandbox.Result run(String... args) {
    List<String> cmd = new ArrayList<>(List.of("plugin", "run", "--", aws.toString()));
    cmd.addAll(List.of(args));
    return box.keyshell(null, cmd.toArray(new String[0]));
  }

  private void assertNoReplyFifoLeft(String why) throws Exception {
    try (Stream<Path> left = Files.list(RunAgents.dir(box))) {
      assertEquals(
          List.of(), left.filter(p -> p.getFileName().toString().startsWith("r.")).toList(), why);
    }
  }

  @Test
  void a_warm_hit_it_serves_starts_no_jvm_and_runs_the_child_as_the_jvm_would() throws Exception {
    // What the child must get as it is, and what it must never get.
    box.env.put("JAVA_TOOL_OPTIONS", "-Dkept=yes");
    box.env.put("OP_SESSION_myteam", "op-session-token");
    box.env.put("AWS_SECURITY_TOKEN", "a-stale-token");
    box.env.put("AWS_ACCESS_KEY_ID", "AKIALONGLIVEDKEY0000");
    String[] args = {"sts", "get-caller-identity", "--query", "a b *", "two\nlines", ""};

    Sandbox.Result byJvm = run(args);
    assertTrue(RunAgents.jvmStarted(box), "no agent yet: the JVM serves the first warm hit");
    RunAgents.await(box);
    Sandbox.Result byAgent = run(args);

    assertFalse(RunAgents.jvmStarted(box), "the agent served it: no JVM started\n" + byAgent);
    assertEquals(7, byAgent.exit(), byAgent.toString());
    assertEquals(byJvm.toString(), byAgent.toString(), "the child saw the same, either way");
    String out = byAgent.out();
    assertTrue(out.contains("<a b *>\n<two\nlines>\n<>\n"), out);
    assertTrue(out.contains("AWS_ACCESS_KEY_ID=ASIA"), out);
    assertTrue(out.contains("JAVA_TOOL_OPTIONS=-Dkept=yes"), out);
    for (String gone :
        List.of(
            "OP_SESSION_myteam",
            "AWS_SECURITY_TOKEN",
            "AKIALONGLIVEDKEY0000",
            "KEYSHELL_VAULT_PASSPHRASE",
            "KEYSHELL_SAVED_")) {
      assertFalse(out.contains(gone), gone + " reached the child:\n" + out);
    }
    assertNoReplyFifoLeft("the agent removed the reply FIFO");
  }

  @Test
  void what_the_cache_does_not_hold_goes_to_the_jvm_with_its_own_error() throws Exception {
    run("sts", "get-caller-identity");
    RunAgents.await(box);
    RunAgents.jvmStarted(box);
    Sandbox.Result typo = run("--profile", "dev-admn", "sts", "get-caller-identity");
    assertTrue(RunAgents.jvmStarted(box), "a profile keyshell never served is the JVM's");
    box.env.put("KEYSHELL_AGENT", "off");
    Sandbox.Result without = run("--profile", "dev-admn", "sts", "get-caller-identity");
    assertEquals(without.toString(), typo.toString());
    assertTrue(typo.err().contains("dev-admn"), typo.toString());
  }

  @Test
  void an_agent_that_does_not_answer_costs_a_second_not_a_hang() throws Exception {
    run("sts", "get-caller-identity");
    ProcessHandle agent = RunAgents.await(box);
    RunAgents.jvmStarted(box);
    String pid = Long.toString(agent.pid());
    SystemUser.run(List.of("kill", "-STOP", pid));
    try {
      Sandbox.Result r = run("sts", "get-caller-identity");
      assertEquals(7, r.exit(), r.toString());
      assertTrue(RunAgents.jvmStarted(box), "the JVM served it");
      assertTrue(r.out().contains("AWS_ACCESS_KEY_ID=ASIA"), r.toString());
    } finally {
      SystemUser.run(List.of("kill", "-CONT", pid));
    }
    assertNoReplyFifoLeft("the client removed the FIFO it gave up on");
  }

  @Test
  void lock_stops_it() throws Exception {
    run("sts", "get-caller-identity");
    ProcessHandle agent = RunAgents.await(box);
    box.keyshell(null, "lock").ok();
    assertTrue(RunAgents.exited(agent), "the agent still runs after keyshell lock");
    assertFalse(Files.exists(RunAgents.dir(box).resolve("q")), "its FIFO is gone");
  }

  @Test
  void a_killed_agent_is_not_asked_and_the_next_hit_starts_another() throws Exception {
    run("sts", "get-caller-identity");
    ProcessHandle agent = RunAgents.await(box);
    agent.destroyForcibly();
    assertTrue(RunAgents.exited(agent));
    RunAgents.jvmStarted(box);
    assertEquals(7, run("sts", "get-caller-identity").exit());
    assertTrue(RunAgents.jvmStarted(box), "the JVM served it");
    ProcessHandle next = RunAgents.await(box);
    assertTrue(next.pid() != agent.pid());
    assertEquals(7, run("sts", "get-caller-identity").exit());
    assertFalse(RunAgents.jvmStarted(box), "the new agent served it");
  }

  @Test
  void a_directory_planted_by_another_user_is_never_asked() throws Exception {
    SystemUser attacker = SystemUser.ensure("ks-attacker");
    run("sts", "get-caller-identity");
    ProcessHandle agent = RunAgents.await(box);
    box.keyshell(null, "lock").ok();
    assertTrue(RunAgents.exited(agent));
    assertEquals(7, run("sts", "get-caller-identity").exit(), "mints again (a miss starts none)");
    // Another user's directory where the agent's would be, with a FIFO that looks like its and
    // the pid of a live process.
    Path dir = RunAgents.dir(box);
    SystemUser.run(List.of("rm", "-rf", dir.toString()));
    Files.createDirectories(dir);
    SystemUser.run(List.of("mkfifo", "-m", "666", dir.resolve("q").toString()));
    Files.writeString(
        dir.resolve("agent"), Sandbox.PROJECT + "\n" + ProcessHandle.current().pid() + "\n");
    SystemUser.run(List.of("chmod", "777", dir.toString()));
    attacker.own(dir);
    RunAgents.jvmStarted(box);

    Sandbox.Result r = run("sts", "get-caller-identity");

    assertEquals(7, r.exit(), r.toString());
    assertTrue(RunAgents.jvmStarted(box), "the JVM served it, not the planted FIFO");
    try (Stream<Path> entries = Files.list(dir)) {
      assertEquals(
          List.of("agent", "q"),
          entries.map(p -> p.getFileName().toString()).sorted().toList(),
          "nothing of the victim's was made in the attacker's directory");
    }
  }
}
