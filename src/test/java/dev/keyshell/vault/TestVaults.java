package dev.keyshell.vault;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.item.AwsKeys;
import dev.keyshell.item.Field;
import dev.keyshell.item.FieldType;
import dev.keyshell.tty.Prompter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Vaults under a temporary directory, with a cheap KDF so tests stay fast. */
final class TestVaults {
  static final int ITERATIONS = 1_000;
  static final String PASSPHRASE = "correct horse battery staple";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  private TestVaults() {}

  static Dirs dirs(Path root) {
    return new Dirs(
        root.resolve("config"), root.resolve("data"), root.resolve("cache"), root.resolve("run"));
  }

  /** An environment from {@code name, value} pairs. */
  static Env env(Path root, String... pairs) {
    Map<String, String> vars = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      vars.put(pairs[i], pairs[i + 1]);
    }
    return new Env(vars, root.resolve("home"), root);
  }

  static LocalVaultStore store(Path root, Prompter prompter, String... envPairs) {
    return new LocalVaultStore(env(root, envPairs), dirs(root), prompter, ITERATIONS);
  }

  /** A store that unlocks with {@link #PASSPHRASE} from the environment. */
  static LocalVaultStore unattended(Path root) {
    return store(root, ScriptedPrompter.noTerminal(), Passphrases.ENV, PASSPHRASE);
  }

  static List<Field> awsFields(String accessKeyId) {
    return List.of(
        new Field(AwsKeys.ACCESS_KEY_ID, FieldType.STRING, accessKeyId),
        new Field(AwsKeys.SECRET_ACCESS_KEY, FieldType.CONCEALED, SECRET),
        new Field(AwsKeys.ONE_TIME_PASSWORD, FieldType.OTP, "JBSWY3DPEHPK3PXP"));
  }

  static Path vaultFile(Path root) {
    return dirs(root).data().resolve(VaultFile.NAME);
  }
}
