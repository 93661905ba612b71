package dev.keyshell.scope;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.SecureFiles;
import dev.keyshell.plugin.Plugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Records and removes scope defaults; a directory file keyshell writes is trusted as written. */
public final class ScopeWriter {
  private static final String PLUGIN = Plugins.AWS.name();
  private final Env env;
  private final Dirs dirs;
  private final Trust trust;

  public ScopeWriter(Env env, Dirs dirs) {
    this.env = env;
    this.dirs = dirs;
    this.trust = new Trust(dirs);
  }

  /**
   * What {@link #record} did, in words for the user.
   *
   * @param forProfile the AWS profile it now serves by name, or null
   * @param isDefault whether it is now the scope's default credential
   */
  public record Written(Scope scope, Path file, String forProfile, boolean isDefault) {
    public String describe() {
      String where =
          switch (scope) {
            case SESSION -> "for this terminal session";
            case DIRECTORY ->
                "for this directory (" + file.getParent().getParent().getParent() + ")";
            case GLOBAL -> "everywhere (global)";
          };
      if (forProfile == null) {
        return "It is now the default AWS credential " + where + ".";
      }
      return "It now serves AWS profile '"
          + forProfile
          + "' "
          + where
          + (isDefault
              ? ", and is the default credential there."
              : "; the default credential there is unchanged.");
    }
  }

  /** The file that holds {@code scope}'s default here. */
  public Path fileFor(Scope scope) {
    return switch (scope) {
      case SESSION -> dirs.sessionScope(session(), PLUGIN);
      case DIRECTORY -> ScopeLocator.directoryFile(env.cwd().toAbsolutePath(), PLUGIN);
      case GLOBAL -> dirs.globalScope(PLUGIN);
    };
  }

  /**
   * Records {@code ref} in {@code scope}, under the scope's lock so that concurrent inits never
   * lose each other's entries: for an imported AWS profile, as that profile's credential (replacing
   * its earlier one) and also as the scope's default when the scope has none yet or the profile is
   * {@code default}; without a profile ({@code --item}, {@code --import-env}), as the default.
   * Every other entry is kept.
   */
  public Written record(Scope scope, CredentialRef ref, String forProfile) throws IOException {
    Path file = fileFor(scope);
    try (SecureFiles.Lock lock = SecureFiles.lock(lockFile(file))) {
      List<CredentialRef> entries = new ArrayList<>(ScopeFile.read(file));
      boolean makeDefault =
          forProfile == null
              || forProfile.equals("default")
              || entries.stream().noneMatch(CredentialRef::isDefault);
      if (forProfile != null) {
        entries.removeIf(r -> forProfile.equals(r.profile()));
        entries.add(withProfile(ref, forProfile));
      }
      if (makeDefault) {
        entries.removeIf(CredentialRef::isDefault);
        entries.add(withProfile(ref, null));
      }
      byte[] bytes = ScopeFile.render(entries);
      SecureFiles.writeAtomically(file, bytes);
      if (scope == Scope.DIRECTORY) {
        trust.trust(file, bytes);
      }
      return new Written(scope, file, forProfile, makeDefault);
    }
  }

  private static CredentialRef withProfile(CredentialRef ref, String profile) {
    return new CredentialRef(
        ref.plugin(), ref.credentialType(), ref.item(), ref.title(), ref.vaultName(), profile);
  }

  /** Deletes {@code scope}'s file here; returns whether there was one. */
  public boolean clear(Scope scope) throws IOException {
    Path file = fileFor(scope);
    return delete(file);
  }

  public boolean delete(Path file) throws IOException {
    boolean existed = Files.deleteIfExists(file);
    if (file.toString().contains("/.keyshell/plugins/")) {
      trust.forget(file);
    }
    return existed;
  }

  /** Trusts the directory scope file of {@code dir} as it is now. */
  public Path trustDirectory(Path dir) throws IOException {
    Path file = ScopeLocator.directoryFile(dir.toAbsolutePath().normalize(), PLUGIN);
    if (!Files.isRegularFile(file)) {
      throw new KeyshellException(
          "there is no keyshell directory default in " + dir, "expected the file " + file);
    }
    byte[] bytes = Files.readAllBytes(file);
    ScopeFile.parse(bytes, file);
    trust.trust(file, bytes);
    return file;
  }

  private String session() {
    return env.get("KEYSHELL_SESSION")
        .orElseThrow(
            () ->
                new KeyshellException(
                    "this terminal has no keyshell session (KEYSHELL_SESSION is not set)",
                    "choose --scope global or --scope directory; --scope session works in a"
                        + " shell that has sourced "
                        + dirs.pluginsSh()));
  }

  /** Lock files live in the runtime directory, never in the user's project directories. */
  private Path lockFile(Path file) {
    return dirs.runtime()
        .resolve("locks")
        .resolve(
            "scope-"
                + Trust.sha256(
                        file.toAbsolutePath()
                            .normalize()
                            .toString()
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .substring(0, 32)
                + ".lock");
  }
}
