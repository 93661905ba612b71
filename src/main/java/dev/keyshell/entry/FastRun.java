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
      String name = Path.of(command.get(0)).getFileName().toString();
      Plugin plugin = Plugins.wrapping(name);
      if (plugin == null) {
        throw KeyshellException.usage(
            "no plugin wraps '" + name + "'",
            "keyshell plugin list shows what plugin run wraps; use 'keyshell exec -- "
                + name
                + " ...' for other commands");
      }
      PluginArgs aws =
          PluginArgs.parse(plugin.executable(name), command.subList(1, command.size()));
      if (!aws.needsAuth()) {
        return ChildRunner.run(command, ChildEnv.untouched(env.vars()));
      }
      List<String> argv = new java.util.ArrayList<>(aws.argv().size() + 1);
      argv.add(command.get(0));
      argv.addAll(aws.argv());
      String profile = SelectedProfile.of(aws.profile(), env);
      Dirs dirs = PrivateDirs.verify(Dirs.of(env), env, err);
      List<ScopeLocator.Found> found = new ScopeLocator(env, dirs).all(plugin.name());
      UntrustedWarning.print(found, err);
      // Only a profile keyshell served before, with these very files and scopes, is in the index
      // (an IAM Identity Center profile may be there with no scope at all).
      String key = WarmKey.of(env, profile, found);
      SessionCache warm = new SessionCache(dirs.cache(), "warm", new CacheKey(dirs.runtime()));
      Optional<CachedSession> hit = warm.get(key, Instant.now());
      if (hit.isPresent()) {
        return ChildRunner.run(
            argv, ChildEnv.with(env, hit.get().credentials(), hit.get().region(), aws.profile()));
      }
      if (FullJvm.isWarmJvm(env.vars())) {
        return FullJvm.miss(args, env.vars(), ErrorReport.debug(env, debugFlag), err);
      }
      return ColdRun.run(env, dirs, profile, aws.profile(), command, argv, found, err);
    } catch (FullJitNeeded e) {
      return FullJvm.full(
          args, env.vars(), ErrorReport.debug(env, debugFlag), "unlocking the vault", err);
    } catch (RuntimeException e) {
      return ErrorReport.of(e, ErrorReport.debug(env, debugFlag)).print(err);
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
