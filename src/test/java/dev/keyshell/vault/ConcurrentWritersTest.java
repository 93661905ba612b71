package dev.keyshell.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.store.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two keyshell processes writing the same vault at once: the lock keeps every item. */
class ConcurrentWritersTest {
  private static final int EACH = 25;

  @TempDir Path root;

  @Test
  void two_processes_creating_items_at_once_lose_nothing() throws Exception {
    // Both start on an empty directory, so they also race to create the vault itself.
    Process a = writer("a");
    Process b = writer("b");
    go(a);
    go(b);

    assertEquals(0, finish(a, "a"));
    assertEquals(0, finish(b, "b"));

    List<Store.ItemSummary> items = TestVaults.unattended(root).search("", null);
    Set<String> expected =
        Stream.of("a", "b")
            .flatMap(p -> IntStream.range(0, EACH).mapToObj(i -> p + "-" + i))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        expected,
        items.stream()
            .map(Store.ItemSummary::title)
            .collect(Collectors.toCollection(TreeSet::new)));
    assertEquals(2 * EACH, items.size());
  }

  private Process writer(String prefix) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            VaultWriterMain.class.getName(),
            root.toString(),
            prefix,
            Integer.toString(EACH))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(root.resolve(prefix + ".err").toFile())
        .start();
  }

  private static void go(Process p) throws IOException {
    try (OutputStream in = p.getOutputStream()) {
      in.write((TestVaults.PASSPHRASE + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private int finish(Process p, String prefix) throws Exception {
    boolean ended = p.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly();
    }
    assertTrue(ended, "writer " + prefix + " did not finish");
    if (p.exitValue() != 0) {
      System.err.println(Files.readString(root.resolve(prefix + ".err")));
    }
    return p.exitValue();
  }
}
