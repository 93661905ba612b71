package dev.keyshell.console;

import dev.keyshell.core.Env;
import dev.keyshell.proc.ChildEnv;
import dev.keyshell.proc.Executables;
import dev.keyshell.server.OneTimeRedirect;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opens a secret URL in the user's browser: {@code $BROWSER} (its entries separated by {@code :},
 * {@code %s} for the URL), else {@code xdg-open}. The browser is handed a one-time loopback
 * redirect ({@link OneTimeRedirect}), never the URL itself, so the sign-in token is not on a
 * command line. Without a browser, or when it does not come for the page, the URL is printed.
 */
public final class Browser {
  static final long WAIT_MILLIS = 60_000;

  private final Env env;
  private final PrintStream out;
  private final PrintStream err;

  public Browser(Env env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  /** Opens {@code url}; prints it to stdout when no browser takes it. */
  public void open(String url) {
    List<List<String>> openers = openers();
    try (OneTimeRedirect redirect = OneTimeRedirect.to(url)) {
      for (List<String> opener : openers) {
        Optional<Process> started = start(opener, redirect.localUrl());
        if (started.isEmpty()) {
          continue;
        }
        switch (await(redirect, started.get())) {
          case OPENED -> {
            err.println("keyshell: opened the AWS console in your browser (" + opener.get(0) + ")");
            err.flush();
            return;
          }
          case FAILED -> {
            continue;
          }
          case TIMED_OUT -> {}
        }
        break;
      }
    } catch (IOException e) {
      // fall through to printing
    }
    err.println(
        openers.isEmpty()
            ? "keyshell: no browser found ($BROWSER, xdg-open); open this URL within 15 minutes:"
            : "keyshell: the browser did not open the page; open this URL within 15 minutes:");
    err.flush();
    out.println(url);
    out.flush();
  }

  private enum Outcome {
    OPENED,
    FAILED,
    TIMED_OUT
  }

  /** Waits for the browser to fetch the page, or for the opener to fail (xdg-open's exit 3). */
  private static Outcome await(OneTimeRedirect redirect, Process opener) throws IOException {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      if (redirect.awaitUse(250)) {
        return Outcome.OPENED;
      }
      if (!opener.isAlive() && opener.exitValue() != 0) {
        return Outcome.FAILED;
      }
    }
    return Outcome.TIMED_OUT;
  }

  /** The commands to try, the URL's place marked by {@code %s}. */
  List<List<String>> openers() {
    List<List<String>> result = new ArrayList<>();
    Optional<String> browser = env.get("BROWSER");
    if (browser.isPresent()) {
      for (String entry : browser.get().split(":")) {
        List<String> words = new ArrayList<>(List.of(entry.trim().split("\\s+")));
        if (words.get(0).isEmpty()) {
          continue;
        }
        if (words.stream().noneMatch(w -> w.contains("%s"))) {
          words.add("%s");
        }
        result.add(words);
      }
      return result;
    }
    Executables.find("xdg-open", env.get("PATH").orElse(""))
        .ifPresent(p -> result.add(List.of(p.toString(), "%s")));
    return result;
  }

  private Optional<Process> start(List<String> opener, String localUrl) {
    List<String> argv = new ArrayList<>();
    for (String w : opener) {
      argv.add(w.replace("%s", localUrl));
    }
    ProcessBuilder pb =
        new ProcessBuilder(argv)
            .redirectInput(new File("/dev/null"))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    // The browser gets the user's environment without keyshell's secrets.
    pb.environment().clear();
    pb.environment().putAll(ChildEnv.untouched(env.vars()));
    try {
      return Optional.of(pb.start());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
