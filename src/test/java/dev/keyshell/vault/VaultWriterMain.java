package dev.keyshell.vault;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A separate writer process for {@link ConcurrentWritersTest}: {@code <root> <prefix> <count>}, the
 * passphrase on stdin (its arrival is also the signal to start).
 */
public final class VaultWriterMain {
  private VaultWriterMain() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    String passphrase =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    LocalVaultStore store =
        TestVaults.store(root, ScriptedPrompter.noTerminal(), Passphrases.ENV, passphrase);
    for (int i = 0; i < count; i++) {
      store.create(prefix + "-" + i, null, TestVaults.awsFields("AKIAIOSFODNN7EXAMPLE"));
    }
    System.exit(0);
  }
}
