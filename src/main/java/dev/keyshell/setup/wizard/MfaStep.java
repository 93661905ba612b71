package dev.keyshell.setup.wizard;

import dev.keyshell.aws.AwsConfigFiles;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.otp.TotpSecret;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/**
 * "Add an MFA device?": the device's ARN (the profile's {@code mfa_serial} offered first) and its
 * TOTP secret typed hidden, then the current code shown so the person can compare it with their
 * authenticator app before anything is stored.
 */
final class MfaStep {
  private static final int ATTEMPTS = 3;

  /** The device's serial and its TOTP secret (otpauth URI or base32). */
  record Answer(String serial, String secret) {
    @Override
    public String toString() {
      return "Answer[" + serial + ", ****]";
    }
  }

  private final Env env;
  private final Questions questions;
  private final Clock clock;

  MfaStep(Env env, Questions questions, Clock clock) {
    this.env = env;
    this.questions = questions;
    this.clock = clock;
  }

  /**
   * Empty when the person adds no device. {@code serial}/{@code secret}: already given, or null.
   */
  Optional<Answer> ask(String profile, String serial, String secret) {
    Optional<String> suggested = Optional.ofNullable(serial).or(() -> configuredSerial(profile));
    if (serial == null && secret == null) {
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
      if (typed != null
          && !typed.isBlank()
          && typed.strip().chars().noneMatch(Character::isWhitespace)) {
        arn = typed.strip();
      } else {
        questions.say("  The ARN is one word: IAM console → Security credentials → MFA.");
      }
    }
    return Optional.of(new Answer(arn, secret != null ? secret : askSecret()));
  }

  private String askSecret() {
    for (int attempt = 1; ; attempt++) {
      char[] typed = questions.askSecret("TOTP secret of the device (otpauth:// URI or base32):");
      String secret = new String(typed).strip();
      Arrays.fill(typed, '\0');
      try {
        String code = TotpSecret.parse(secret).code(clock);
        questions.say(
            "  The current code is "
                + code.substring(0, 3)
                + " "
                + code.substring(3)
                + ". Compare it with your authenticator app.");
        if (questions.confirm("Does your authenticator app show the same code?", true)) {
          return secret;
        }
        questions.say("  Then this is another device's secret.");
      } catch (KeyshellException e) {
        questions.say("  That is not a TOTP secret: " + e.getMessage() + ".");
      }
      if (attempt >= ATTEMPTS) {
        throw new KeyshellException(
            "no usable TOTP secret after " + ATTEMPTS + " tries; nothing was changed",
            "copy the secret (or otpauth:// URI) shown when the virtual MFA device was created,"
                + " and run init again");
      }
    }
  }

  private Optional<String> configuredSerial(String profile) {
    String name = profile != null ? profile : env.get("AWS_PROFILE").orElse("default");
    try {
      return AwsConfigFiles.of(env).load().profile(name).flatMap(p -> p.property("mfa_serial"));
    } catch (KeyshellException e) {
      return Optional.empty(); // a config keyshell cannot read suggests nothing
    }
  }
}
