package dev.keyshell.server;

import dev.keyshell.core.Env;
import dev.keyshell.proc.ChildRunner;
import dev.keyshell.provision.Minted;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import sun.misc.Signal;

/**
 * {@code keyshell exec --server} and {@code keyshell serve}: a {@link CredentialEndpoint} over
 * credentials minted (and minted again) for one profile, for as long as a child runs or until
 * Ctrl-C.
 */
public final class CredentialServer {
  private final Env env;
  private final Supplier<Minted> mint;
  private final PrintStream err;

  /** {@code mint} is the profile's provisioning, called again whenever a refresh is due. */
  public CredentialServer(Env env, Supplier<Minted> mint, PrintStream err) {
    this.env = env;
    this.mint = mint;
    this.err = err;
  }

  /** Runs {@code command} against the endpoint; returns its exit code, as {@code exec} does. */
  public int exec(List<String> command) {
    DefaultProfileCheck.check(env);
    RefreshingCredentials creds = new RefreshingCredentials(mint, Clock.systemUTC(), err);
    Minted first = creds.start();
    try (CredentialEndpoint endpoint = CredentialEndpoint.start(creds)) {
      return ChildRunner.run(
          command, ServerEnv.of(env, endpoint.uri(), endpoint.token(), first.region()));
    }
  }

  /**
   * Serves in the foreground: prints the variables to set for {@code shell} to {@code out}, then
   * waits for SIGINT (exit 130) or SIGTERM (exit 143), as a shell reports an interrupted program.
   */
  public int serve(PrintStream out, String shell) {
    DefaultProfileCheck.check(env);
    RefreshingCredentials creds = new RefreshingCredentials(mint, Clock.systemUTC(), err);
    Minted first = creds.start();
    CountDownLatch stop = new CountDownLatch(1);
    AtomicInteger exit = new AtomicInteger();
    for (String[] signal : new String[][] {{"INT", "130"}, {"TERM", "143"}, {"HUP", "129"}}) {
      Signal.handle(
          new Signal(signal[0]),
          s -> {
            exit.compareAndSet(0, Integer.parseInt(signal[1]));
            stop.countDown();
          });
    }
    try (CredentialEndpoint endpoint = CredentialEndpoint.start(creds)) {
      out.print(ServeLines.of(shell, endpoint.uri(), endpoint.token()));
      out.flush();
      err.println(
          "keyshell: serving credentials on 127.0.0.1:"
              + endpoint.port()
              + first.region().map(r -> " (region " + r + ")").orElse("")
              + "; Ctrl-C stops");
      err.flush();
      while (true) {
        try {
          stop.await();
          break;
        } catch (InterruptedException e) {
          // keep serving until a signal says stop
        }
      }
    }
    err.println("keyshell: stopped");
    err.flush();
    return exit.get();
  }
}
