package dev.keyshell;

import dev.keyshell.cli.Cli;
import dev.keyshell.core.AsciiOutput;
import dev.keyshell.core.Env;
import dev.keyshell.core.ErrorReport;
import dev.keyshell.entry.FastExport;
import dev.keyshell.entry.FastRun;
import dev.keyshell.entry.FullJvm;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Entry point. {@code plugin run} is dispatched before picocli is loaded: it runs on every {@code
 * aws} the user types, and a warm cache must be served without picocli's model (see
 * docs/performance.md).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Env env = Env.system();
    System.exit(
        run(
            args,
            env,
            System.in,
            AsciiOutput.forLocale(System.out, env),
            AsciiOutput.forLocale(System.err, env)));
  }

  /** Runs keyshell and returns its exit code; the only caller of System.exit is {@link #main}. */
  public static int run(String[] args, Env env, InputStream in, PrintStream out, PrintStream err) {
    if (FastRun.wantsHelp(args)) {
      return Cli.execute(new String[] {"plugin", "run", "--help"}, env, in, out, err);
    }
    if (FastRun.handles(args)) {
      return FastRun.run(args, env, in, out, err);
    }
    if (FastExport.tryWarm(args, env, out)) {
      return 0;
    }
    if (FastExport.handles(args) && FullJvm.isWarmJvm(env.vars())) {
      // A miss: the warm JVM (C1, the warm path's archive) hands it to a full one.
      return FullJvm.full(
          args, env.vars(), ErrorReport.debug(env, false), "no cached session", err);
    }
    return Cli.execute(args, env, in, out, err);
  }
}
