package dev.keyshell.proc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final String BASH =
      Executables.find("bash", "/usr/bin:/bin").orElseThrow().toString();

  @TempDir Path tmp;

  @Test
  void feeds_stdin_and_captures_stdout_stderr_and_exit_code() throws Exception {
    ProcessResult r =
        new ProcessRunner()
            .run(
                List.of(BASH, "-c", "cat; echo oops >&2; exit 3"),
                Map.of(),
                "secret on stdin".getBytes(StandardCharsets.UTF_8),
                BOUND);

    assertEquals(3, r.exitCode());
    assertEquals("secret on stdin", r.stdoutText());
    assertEquals("oops\n", r.stderr());
    assertFalse(r.timedOut());
    assertFalse(r.toString().contains("secret"));
  }

  @Test
  void gives_the_child_exactly_the_environment_it_is_handed() throws Exception {
    ProcessResult r =
        new ProcessRunner()
            .run(List.of(BASH, "-c", "env"), Map.of("ONLY", "this"), new byte[0], BOUND);

    List<String> vars =
        r.stdoutText()
            .lines()
            .filter(l -> !l.startsWith("PWD=") && !l.startsWith("SHLVL=") && !l.startsWith("_="))
            .toList();
    assertEquals(List.of("ONLY=this"), vars);
  }

  @Test
  void kills_the_whole_process_tree_when_the_bound_is_reached() throws Exception {
    Path pid = tmp.resolve("child.pid");
    ProcessResult r =
        new ProcessRunner()
            .run(
                List.of(BASH, "-c", "sleep 600 & echo $! > '" + pid + "'; wait"),
                Map.of(),
                new byte[0],
                Duration.ofMillis(500));

    assertTrue(r.timedOut());
    assertFalse(r.ok());
    long child = Long.parseLong(Files.readString(pid).trim());
    ProcessHandle.of(child).ifPresent(h -> h.onExit().join());
    assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false));
  }

  @Test
  void passes_large_stdin_to_a_child_that_reads_it_slowly() throws Exception {
    byte[] big = new byte[1 << 20];
    ProcessResult r =
        new ProcessRunner().run(List.of(BASH, "-c", "sleep 0.1; cat"), Map.of(), big, BOUND);

    assertArrayEquals(big, r.stdout());
  }

  @Test
  void endless_stdout_is_refused_and_the_child_killed_instead_of_filling_the_heap()
      throws Exception {
    long start = System.nanoTime();
    ProcessResult r = new ProcessRunner().run(List.of(BASH, "-c", "yes"), Map.of(), null, BOUND);

    assertTrue(r.tooMuchOutput(), r.toString());
    assertFalse(r.ok());
    assertEquals(0, r.stdout().length);
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 15);
  }

  @Test
  void a_flood_on_stderr_is_cut_and_does_not_block_the_child() throws Exception {
    ProcessResult r =
        new ProcessRunner()
            .run(
                List.of(BASH, "-c", "head -c 10000000 /dev/zero >&2; echo done"),
                Map.of("PATH", "/usr/bin:/bin"),
                null,
                BOUND);

    assertTrue(r.ok(), r.toString());
    assertEquals("done\n", r.stdoutText());
    assertTrue(r.stderr().length() <= 64 << 10, "stderr kept: " + r.stderr().length());
  }

  @Test
  void a_grandchild_holding_the_pipes_open_delays_the_result_by_the_drain_time_at_most()
      throws Exception {
    long start = System.nanoTime();
    new ProcessRunner()
        .run(
            List.of(BASH, "-c", "sleep 30 & echo started"),
            Map.of("PATH", "/usr/bin:/bin"),
            null,
            Duration.ofSeconds(1));

    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    assertTrue(seconds < 8, "took " + seconds + " s");
  }

  @Test
  void finds_an_executable_only_on_the_path_it_is_given() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path tool = Files.writeString(bin.resolve("tool"), "#!/bin/sh\n");
    tool.toFile().setExecutable(true, true);
    Files.writeString(bin.resolve("plain"), "not executable");

    assertEquals(tool, Executables.find("tool", "/nonexistent::" + bin).orElseThrow());
    assertTrue(Executables.find("plain", bin.toString()).isEmpty());
    assertTrue(Executables.find("tool", "/usr/bin").isEmpty());
    assertTrue(Executables.find("tool", null).isEmpty());
  }
}
