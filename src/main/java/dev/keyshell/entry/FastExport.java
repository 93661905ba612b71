package dev.keyshell.entry;

import dev.keyshell.cache.CacheKey;
import dev.keyshell.cache.CachedSession;
import dev.keyshell.cache.SessionCache;
import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.PrivateDirs;
import dev.keyshell.export.CredentialFormat;
import dev.keyshell.plugin.Plugins;
import dev.keyshell.plugin.SelectedProfile;
import dev.keyshell.provision.Minted;
import dev.keyshell.provision.WarmKey;
import dev.keyshell.scope.ScopeLocator;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code keyshell export} served from the warm index without picocli: as a {@code
 * credential_process} it runs whenever an SDK-based tool starts. Anything it does not recognise,
 * and every miss, goes to the full command.
 */
public final class FastExport {
  private FastExport() {}

  /**
   * The parsed flags, or null when this is not a plain {@code export [--profile P] [--format F]}.
   */
  static String[] parse(String[] args) {
    if (args.length == 0 || !args[0].equals("export")) {
      return null;
    }
    String profile = null;
    String format = "env";
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if ((a.equals("--profile") || a.equals("--format")) && i + 1 < args.length) {
        String v = args[++i];
        if (a.equals("--profile")) {
          profile = v;
        } else {
          format = v;
        }
      } else if (a.startsWith("--profile=")) {
        profile = a.substring("--profile=".length());
      } else if (a.startsWith("--format=")) {
        format = a.substring("--format=".length());
      } else {
        return null;
      }
    }
    if (!format.equals("env") && !format.equals("json")) {
      return null;
    }
    return new String[] {profile, format};
  }

  /** True for {@code keyshell export ...}, which bin/keyshell starts in the warm JVM. */
  public static boolean handles(String[] args) {
    return args.length > 0 && args[0].equals("export");
  }

  /** Prints the cached credentials and returns true, or returns false to take the full path. */
  public static boolean tryWarm(String[] args, Env env, PrintStream out) {
    String[] flags = parse(args);
    if (flags == null) {
      return false;
    }
    try {
      return serve(flags, env, out);
    } catch (RuntimeException e) {
      return false; // the full command reports whatever is wrong, properly
    }
  }

  private static boolean serve(String[] flags, Env env, PrintStream out) {
    String profile = SelectedProfile.of(Optional.ofNullable(flags[0]), env);
    Dirs dirs = PrivateDirs.verify(Dirs.of(env), env, null);
    List<ScopeLocator.Found> found = new ScopeLocator(env, dirs).all(Plugins.AWS.name());
    for (ScopeLocator.Found f : found) {
      if (!f.trusted()) {
        return false; // an ignored directory default deserves the warning the full command prints
      }
    }
    SessionCache warm = new SessionCache(dirs.cache(), "warm", new CacheKey(dirs.runtime()));
    Optional<CachedSession> hit = warm.get(WarmKey.of(env, profile, found), Instant.now());
    if (hit.isEmpty()) {
      return false;
    }
    Minted m = new Minted(hit.get().credentials(), hit.get().region());
    out.print(flags[1].equals("json") ? CredentialFormat.json(m) : CredentialFormat.env(m));
    out.flush();
    return true;
  }
}
