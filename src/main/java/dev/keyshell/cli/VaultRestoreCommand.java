package dev.keyshell.cli;

import dev.keyshell.setup.KeyRestore;
import dev.keyshell.vault.LocalVaultStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keyshell vault restore ITEM --profile P}: write a key back to ~/.aws/credentials. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Write an item's key pair back to ~/.aws/credentials (profile P), after a",
      "confirmation; the rest of the file stays byte for byte as it is."
    })
public final class VaultRestoreCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(index = "0", paramLabel = "ITEM", description = "The item (title or id)")
  String item;

  @Option(
      names = "--profile",
      paramLabel = "P",
      required = true,
      description = "The credentials file section to write the key to")
  String profile;

  @Option(names = "--yes", description = "Write without asking")
  boolean yes;

  public VaultRestoreCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return new KeyRestore(ctx.env, ctx.prompter(), ctx.err)
        .run(new LocalVaultStore(ctx.env, ctx.dirs, ctx.prompter()), item, profile, yes);
  }
}
