package dev.keyshell.provision;

import dev.keyshell.core.Env;
import java.io.InputStream;
import java.io.PrintStream;

/** {@code plugin run}: the warm path first, the full provisioning on a miss. */
public final class FastRun {
  private FastRun() {}

  public static boolean handles(String[] args) {
    return args.length >= 2 && args[0].equals("plugin") && args[1].equals("run");
  }

  public static int run(String[] args, Env env, InputStream in, PrintStream out, PrintStream err) {
    err.println("keyshell: plugin run is not built yet");
    return 1;
  }
}
