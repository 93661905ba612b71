package dev.keyshell.entry;

import dev.keyshell.core.ErrorReport;
import dev.keyshell.core.FullJitNeeded;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.proc.ChildEnv;
import dev.keyshell.proc.ChildRunner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The warm JVM hands a cache miss to a full one. bin/keyshell starts {@code plugin run} and {@code
 * export} on C1 alone with an archive of the warm path's classes only (about 16 ms less per warm
 * start than the archive of every command). A miss needs the cold path's classes (the SDK, Jackson,
 * picocli): the same command runs again through bin/keyshell with {@code KEYSHELL_JVM=cold}, still
 * on C1, with the full archive. A vault unlock needs C2 for its KDF: {@code KEYSHELL_JIT=full}.
 * Nothing was prompted for, spent or written before the handover.
 */
public final class FullJvm {
  private FullJvm() {}

  /**
   * True in a JVM bin/keyshell started with the warm path's archive alone (JDK 17 to 24; from 25 on
   * its one AOT cache serves both paths, and a miss is served in place).
   */
  public static boolean isWarmJvm(Map<String, String> env) {
    return "warm".equals(System.getProperty("keyshell.archive"))
        && System.getProperty("keyshell.launcher") != null
        && !COLD.equals(env.get(ChildEnv.HANDOVER));
  }

  /** Runs {@code args} again through bin/keyshell with the cold path's classes, still on C1. */
  public static int miss(String[] args, Map<String, String> env, boolean debug, PrintStream err) {
    return rerun(args, env, ChildEnv.HANDOVER, COLD, debug, "no cached session", err);
  }

  /**
   * Runs {@code args} again through bin/keyshell with both JIT compilers and the full archive: for
   * the KDF of a vault unlock, and for an {@code export} the warm path did not serve (its full
   * command may unlock the vault, and only {@code plugin run} hands that over itself).
   */
  public static int full(
      String[] args, Map<String, String> env, boolean debug, String why, PrintStream err) {
    return rerun(args, env, FullJitNeeded.ENV, "full", debug, why, err);
  }

  private static final String COLD = "cold";

  private static int rerun(
      String[] args,
      Map<String, String> env,
      String variable,
      String value,
      boolean debug,
      String why,
      PrintStream err) {
    String launcher = System.getProperty("keyshell.launcher");
    if (launcher == null) {
      return ErrorReport.of(
              new KeyshellException(
                  "cannot unlock the vault in a JVM limited to the C1 compiler",
                  "run keyshell through bin/keyshell"),
              debug)
          .print(err);
    }
    if (debug) {
      err.println("keyshell: " + why + "; running again with " + variable + "=" + value);
    }
    List<String> command = new ArrayList<>(args.length + 1);
    command.add(launcher);
    command.addAll(Arrays.asList(args));
    Map<String, String> vars = new HashMap<>(env);
    vars.put(variable, value);
    return ChildRunner.run(command, vars);
  }
}
