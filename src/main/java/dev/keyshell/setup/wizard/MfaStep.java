package dev.keyshell.setup.wizard;

import dev.keyshell.aws.AwsConfigFiles;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.mfa.MfaSerials;
import dev.keyshell.mfa.MfaSources;
import dev.keyshell.otp.TotpSecret;
import dev.keyshell.proc.Executables;
import dev.keyshell.proc.ProcessRunner;
import dev.keyshell.tty.Prompter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * "Add an MFA device?": the device's ARN (the profile's {@code mfa_serial} offered first), then
 * where its one-time codes come from, chosen per item: its TOTP secret typed hidden (the current
 * code shown so the person can compare it with their authenticator app before anything is stored),
 * a YubiKey's OATH account read with {@code ykman}, or a code typed each time (or the profile's
 * {@code mfa_process}). What is chosen is what {@link dev.keyshell.mfa.MfaSources} reads back.
 */
final class MfaStep {
  static final int ATTEMPTS = 3;
  static final String SOURCE_QUESTION = "Where do the device's one-time codes come from?";

  /**
   * The device's serial and where its codes come from: its TOTP secret (otpauth URI or base32), a
   * YubiKey OATH account, or neither (typed, or the profile's {@code mfa_process}).
   */
  record Answer(String serial, String secret, String yubikeyAccount) {
    @Override
    public String toString() {
      return "Answer["
          + serial
          + ", "
          + (secret == null ? "-" : "****")
          + ", "
          + yubikeyAccount
          + "]";
    }
  }

  private final Env env;
  private final Prompter questions;
  private final Clock clock;
  private final ProcessRunner runner;

  MfaStep(Env env, Prompter questions, Clock clock) {
    this(env, questions, clock, new ProcessRunner());
  }

  MfaStep(Env env, Prompter questions, Clock clock, ProcessRunner runner) {
    this.env = env;
    this.questions = questions;
    this.clock = clock;
    this.runner = runner;
  }

  /**
   * Empty when the person adds no device. {@code given}: what the flags already answered (null
   * parts are asked).
   */
  Optional<Answer> ask(String profile, Answer given) {
    String serial = given.serial();
    boolean sourceGiven = given.secret() != null || given.yubikeyAccount() != null;
    Optional<String> suggested =
        Optional.ofNullable(serial).or(() -> property(profile, "mfa_serial"));
    if (serial == null && !sourceGiven) {
      String hint = suggested.map(s -> " (~/.aws/config names " + s + ")").orElse("");
      if (!questions.confirm("Add an MFA device?" + hint, suggested.isPresent())) {
        return Optional.empty();
      }
    }
    String arn = serial;
    while (arn == null) {
      String typed =
          questions.ask(
              suggested.isPresent()
                  ? "MFA device ARN:"
                  : "MFA device ARN (like arn:aws:iam::123456789012:mfa/you):",
              suggested.orElse(null));
      if (typed == null || typed.isBlank()) {
        questions.say("  IAM console → Security credentials → MFA shows it.");
      } else if (MfaSerials.valid(typed.strip())) {
        arn = typed.strip();
      } else {
        questions.say("  That is not an MFA device: expected " + MfaSerials.EXAMPLE + ".");
      }
    }
    if (sourceGiven) {
      return Optional.of(new Answer(arn, given.secret(), given.yubikeyAccount()));
    }
    return Optional.of(askSource(arn, profile));
  }

  /** The menu of code sources, asked again until one is usable. */
  private Answer askSource(String arn, String profile) {
    Optional<Path> ykman = Executables.find("ykman", env.vars().get("PATH"));
    boolean process = property(profile, MfaSources.MFA_PROCESS).isPresent();
    List<String> labels =
        List.of(
            "Its TOTP secret, kept in the item (keyshell computes each code)",
            "One-time codes from a YubiKey (ykman)"
                + (ykman.isPresent() ? "" : " (ykman is not installed)"),
            process
                ? "The profile's mfa_process prints each code (nothing more is stored)"
                : "Type the code each time aws asks (nothing more is stored)");
    while (true) {
      int chosen = questions.choose(SOURCE_QUESTION, labels, 0);
      if (chosen == 0) {
        return new Answer(arn, askSecret(), null);
      }
      if (chosen == 2) {
        return new Answer(arn, null, null);
      }
      if (ykman.isEmpty()) {
        questions.say("  ykman is not on PATH. Install yubikey-manager (apt install");
        questions.say("  yubikey-manager, brew install ykman, or pipx install yubikey-manager),");
        questions.say("  or choose another source.");
        continue;
      }
      String account = new YubiKeyStep(env, questions, runner).askAccount(ykman.get());
      if (account != null) {
        return new Answer(arn, null, account);
      }
    }
  }

  /**
   * The secret, checked against the person's authenticator app; null when they keep the device
   * without it (codes are then typed when asked). An empty line or a differing code is not one of
   * the {@value #ATTEMPTS} tries; only a secret that cannot be read is.
   */
  private String askSecret() {
    int unreadable = 0;
    while (true) {
      char[] typed = questions.askSecret("TOTP secret of the device (otpauth:// URI or base32):");
      String secret = new String(typed).strip();
      Arrays.fill(typed, '\0');
      if (secret.isEmpty()) {
        questions.say("  Paste the secret shown when the device was set up (Ctrl-C stops).");
        continue;
      }
      String code;
      try {
        code = TotpSecret.parse(secret).code(clock);
      } catch (KeyshellException e) {
        questions.say("  That is not a TOTP secret: " + e.getMessage() + ".");
        if (++unreadable >= ATTEMPTS) {
          throw new KeyshellException(
              "no usable TOTP secret after " + ATTEMPTS + " tries; nothing was changed",
              "copy the secret (or otpauth:// URI) shown when the virtual MFA device was created,"
                  + " and run init again");
        }
        continue;
      }
      questions.say(
          "  The current code is "
              + code.substring(0, 3)
              + " "
              + code.substring(3)
              + ". Compare it with your authenticator app.");
      if (questions.confirm("Does your authenticator app show the same code?", true)) {
        return secret;
      }
      questions.say("  Then it is another device's secret, or this computer's clock is off.");
      int next =
          questions.choose(
              "What now?",
              List.of(
                  "Type the secret again",
                  "Keep the device without its secret: type each code when aws asks"),
              0);
      if (next == 1) {
        return null;
      }
    }
  }

  /** A property of the imported key's profile in ~/.aws/config, if keyshell can read it. */
  private Optional<String> property(String profile, String name) {
    String p = profile != null ? profile : env.get("AWS_PROFILE").orElse("default");
    try {
      return AwsConfigFiles.of(env).load().profile(p).flatMap(c -> c.property(name));
    } catch (KeyshellException e) {
      return Optional.empty(); // a config keyshell cannot read suggests nothing
    }
  }
}
