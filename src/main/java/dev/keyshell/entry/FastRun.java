package dev.keyshell.entry;

import dev.keyshell.cache.CacheKey;
import dev.keyshell.cache.CachedSession;
import dev.keyshell.cache.SessionCache;
import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.ErrorReport;
import dev.keyshell.core.ExitCode;
import dev.keyshell.core.FullJitNeeded;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.PrivateDirs;
import dev.keyshell.plugin.Plugin;
import dev.keyshell.plugin.PluginArgs;
import dev.keyshell.plugin.Plugins;
import dev.keyshell.plugin.SelectedProfile;
import dev.keyshell.proc.ChildEnv;
import dev.keyshell.proc.ChildRunner;
import dev.keyshell.provision.WarmKey;
import dev.keyshell.scope.ScopeLocator;
import dev.keyshell.scope.UntrustedWarning;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code keyshell plugin run -- EXE ...}, the path every {@code aws} (and every other executable a
 * plugin wraps: cdk, sam, terraform, ...) the user types takes.
 *
 * <p>The warm path (a cached session for this profile and scope) reads a few small files, opens one
 * AES-GCM entry with a raw key and starts the child: no picocli, no JSON parser, no AWS SDK, no
 * KDF. Anything else goes to {@link Provisioner}, loaded only then.
 */
public final class FastRun {
  private FastRun() {}

  public static boolean handles(String[] args) {
    return args.length >= 2 && args[0].equals("plugin") && args[1].equals("run");
  }

  /** True for {@code plugin run --help}: its text is picocli's, so the caller renders it. */
  public static boolean wantsHelp(String[] args) {
    return handles(args) && commandOf(args) == null;
  }

  public static int run(String[] args, Env env, InputStream in, PrintStream out, PrintStream err) {
    return run(args, env, in, out, err, false);
  }

  /**
   * As above; {@code debug} is {@code keyshell --debug plugin run}'s flag (the picocli path).
   * {@code plugin run --debug -- ...} and {@code KEYSHELL_DEBUG} turn it on here too.
   */
  public static int run(
      String[] args, Env env, InputStream in, PrintStream out, PrintStream err, boolean debug) {
    List<String> command = commandOf(args);
    if (command == null) {
      throw new IllegalArgumentException("plugin run --help is rendered by the CLI");
    }
    boolean debugFlag = debug || debugFlag(args);
    if (command.isEmpty()) {
      err.println("keyshell: plugin run needs a command");
      err.println("hint: keyshell plugin run -- aws sts get-caller-identity");
      return ExitCode.USAGE;
    }
    try {
      Plugin plugin = plugin(command);
      PluginArgs aws = args(plugin, command);
      if (!aws.needsAuth()) {
        return ChildRunner.run(command, ChildEnv.untouched(env.vars()));
      }
      Lookup warm =
          new Lookup(plugin, command, aws, env, PrivateDirs.verify(Dirs.of(env), env, err), err);
      if (warm.childEnv != null) {
        RunAgent.startIfAbsent(warm.dirs, env);
        return ChildRunner.run(warm.argv, warm.childEnv);
      }
      if (FullJvm.isWarmJvm(env.vars())) {
        return FullJvm.miss(args, env.vars(), ErrorReport.debug(env, debugFlag), err);
      }
      return ColdRun.run(
          env, warm.dirs, warm.profile, aws.profile(), command, warm.argv, warm.found, err);
    } catch (FullJitNeeded e) {
      return FullJvm.full(
          args, env.vars(), ErrorReport.debug(env, debugFlag), "unlocking the vault", err);
    } catch (RuntimeException e) {
      return ErrorReport.of(e, ErrorReport.debug(env, debugFlag)).print(err);
    }
  }

  /**
   * The run agent's question (entry/RunAgent): what {@link #run} would run for {@code args},
   * decided the same way, without running it. Null for anything keyshell's own JVM must do: a miss,
   * --help, --debug, an error to report, a directory to repair. {@code warnings} gets what {@link
   * #run} would print before the child starts.
   */
  static Launch served(String[] args, Env env, PrintStream warnings) {
    if (!handles(args)) {
      return null;
    }
    List<String> command = commandOf(args);
    if (command == null || command.isEmpty() || ErrorReport.debug(env, debugFlag(args))) {
      return null;
    }
    try {
      Plugin plugin = plugin(command);
      PluginArgs aws = args(plugin, command);
      if (!aws.needsAuth()) {
        return new Launch(command, ChildEnv.untouched(env.vars()));
      }
      Lookup warm =
          new Lookup(plugin, command, aws, env, PrivateDirs.check(Dirs.of(env), env), warnings);
      return warm.childEnv == null ? null : new Launch(warm.argv, warm.childEnv);
    } catch (RuntimeException e) {
      return null; // the JVM reports it, as it always has
    }
  }

  /** A child to start: its argv and its whole environment. */
  static final class Launch {
    final List<String> argv;
    final Map<String, String> env;

    Launch(List<String> argv, Map<String, String> env) {
      this.argv = argv;
      this.env = env;
    }
  }

  private static Plugin plugin(List<String> command) {
    String name = Path.of(command.get(0)).getFileName().toString();
    Plugin plugin = Plugins.wrapping(name);
    if (plugin == null) {
      throw KeyshellException.usage(
          "no plugin wraps '" + name + "'",
          "keyshell plugin list shows what plugin run wraps; use 'keyshell exec -- "
              + name
              + " ...' for other commands");
    }
    return plugin;
  }

  private static PluginArgs args(Plugin plugin, List<String> command) {
    String name = Path.of(command.get(0)).getFileName().toString();
    return PluginArgs.parse(plugin.executable(name), command.subList(1, command.size()));
  }

  /**
   * The warm cache asked for a command that needs credentials: the child's argv, the profile and
   * scopes it was looked up for, and the child's environment on a hit (null on a miss).
   */
  private static final class Lookup {
    final List<String> argv;
    final String profile;
    final Dirs dirs;
    final List<ScopeLocator.Found> found;
    final Map<String, String> childEnv;

    Lookup(
        Plugin plugin, List<String> command, PluginArgs aws, Env env, Dirs dirs, PrintStream err) {
      List<String> child = new java.util.ArrayList<>(aws.argv().size() + 1);
      child.add(command.get(0));
      child.addAll(aws.argv());
      argv = child;
      profile = SelectedProfile.of(aws.profile(), env);
      this.dirs = dirs;
      found = new ScopeLocator(env, dirs).all(plugin.name());
      UntrustedWarning.print(found, err);
      // Only a profile keyshell served before, with these very files and scopes, is in the index
      // (an IAM Identity Center profile may be there with no scope at all).
      String key = WarmKey.of(env, profile, found);
      SessionCache warm = new SessionCache(dirs.cache(), "warm", new CacheKey(dirs.runtime()));
      Optional<CachedSession> hit = warm.get(key, Instant.now());
      childEnv =
          hit.isPresent()
              ? ChildEnv.with(env, hit.get().credentials(), hit.get().region(), aws.profile())
              : null;
    }
  }

  /** The command after {@code plugin run [--debug] [--]}; null when help was asked for instead. */
  private static List<String> commandOf(String[] args) {
    List<String> rest = Arrays.asList(args).subList(2 + (debugFlag(args) ? 1 : 0), args.length);
    if (!rest.isEmpty() && rest.get(0).equals("--")) {
      return rest.subList(1, rest.size());
    }
    if (!rest.isEmpty() && (rest.get(0).equals("--help") || rest.get(0).equals("-h"))) {
      return null;
    }
    return rest;
  }

  /** {@code plugin run --debug ...}: keyshell's own option, before the command. */
  private static boolean debugFlag(String[] args) {
    return args.length > 2 && args[2].equals("--debug");
  }
}
