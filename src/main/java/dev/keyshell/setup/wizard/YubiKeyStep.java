package dev.keyshell.setup.wizard;

import dev.keyshell.core.Env;
import dev.keyshell.proc.ChildEnv;
import dev.keyshell.proc.ProcessResult;
import dev.keyshell.proc.ProcessRunner;
import dev.keyshell.tty.Prompter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which YubiKey OATH account serves the MFA device: a menu of those {@code ykman oath accounts
 * list} shows (one named after AWS first), else the name typed. Only the name is stored on the
 * item; the codes are read with {@code ykman} at each mint ({@link dev.keyshell.mfa.YubiKey}).
 */
final class YubiKeyStep {
  /** {@code ykman oath accounts list} answers at once; a stuck YubiKey must not hang the wizard. */
  static final Duration YKMAN_TIMEOUT = Duration.ofSeconds(15);

  private final Env env;
  private final Prompter questions;
  private final ProcessRunner runner;

  YubiKeyStep(Env env, Prompter questions, ProcessRunner runner) {
    this.env = env;
    this.questions = questions;
    this.runner = runner;
  }

  /**
   * The YubiKey OATH account, from a menu of those {@code ykman oath accounts list} shows, else
   * typed; null to go back.
   */
  String askAccount(Path ykman) {
    List<String> accounts = accounts(ykman);
    if (!accounts.isEmpty()) {
      List<String> labels = new ArrayList<>(accounts);
      labels.add("Back");
      int preselected = 0;
      for (int i = 0; i < accounts.size(); i++) {
        if (accounts.get(i).toLowerCase(Locale.ROOT).contains("aws")
            || accounts.get(i).contains("Amazon")) {
          preselected = i;
          break;
        }
      }
      int chosen = questions.choose("Which YubiKey account is this device?", labels, preselected);
      return chosen == accounts.size() ? null : accounts.get(chosen);
    }
    String typed =
        questions.ask(
            "YubiKey OATH account, as ykman oath accounts list shows it (empty: back):", null);
    return typed == null || typed.isBlank() ? null : typed.strip();
  }

  /** The accounts ykman lists; none (and a line saying why) when it cannot list them. */
  private List<String> accounts(Path ykman) {
    String why;
    try {
      ProcessResult r =
          runner.run(
              List.of(ykman.toString(), "oath", "accounts", "list"),
              ChildEnv.untouched(env.vars()),
              null,
              YKMAN_TIMEOUT);
      if (r.exitCode() == 0 && !r.timedOut()) {
        List<String> accounts =
            r.stdoutText().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (!accounts.isEmpty()) {
          return accounts;
        }
        why = "it lists no OATH account";
      } else {
        why =
            r.timedOut()
                ? "no answer within " + YKMAN_TIMEOUT.toSeconds() + " s"
                : r.stderr()
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .map(l -> l.length() > 120 ? l.substring(0, 120) + "..." : l)
                    .findFirst()
                    .orElse("exit " + r.exitCode());
      }
    } catch (IOException e) {
      why = e.getMessage();
    }
    questions.say("  ykman cannot list the YubiKey's accounts (" + why + "); is it plugged in?");
    return List.of();
  }
}
