package dev.keyshell.mfa;

import dev.keyshell.core.Env;
import dev.keyshell.item.AwsKeys;
import dev.keyshell.item.Field;
import dev.keyshell.item.FieldType;
import dev.keyshell.proc.ChildEnv;
import dev.keyshell.proc.ProcessRunner;
import dev.keyshell.tty.Terminal;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the MFA code source for one call, in the order DESIGN.md gives: a YubiKey named on the
 * item, else the item's One-Time Password, else the profile's {@code mfa_process}, else a code
 * typed on {@code /dev/tty} (which fails with one line when there is no terminal).
 */
public final class MfaSources {
  /** The item field that chooses a YubiKey: the OATH account's name as {@code ykman} lists it. */
  public static final String YUBIKEY_ACCOUNT = AwsKeys.YUBIKEY_ACCOUNT;

  /** The profile property botocore and aws-vault read. */
  public static final String MFA_PROCESS = "mfa_process";

  /** Long enough for a touch or a GUI prompt, short enough that nothing hangs. */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Map<String, String> environment;
  private final Path tty;
  private final ProcessRunner runner;
  private final Duration timeout;
  private final PrintStream err;

  public MfaSources(Env env, Path tty, ProcessRunner runner, Duration timeout, PrintStream err) {
    this.environment = ChildEnv.untouched(env.vars());
    this.tty = tty;
    this.runner = runner;
    this.timeout = timeout;
    this.err = err;
  }

  /**
   * The sources of this process: the real terminal (none under {@code KEYSHELL_NO_TTY=1}) and a 60
   * s bound on helpers.
   */
  public static MfaSources system(Env env, PrintStream err) {
    Path tty = "1".equals(env.vars().get("KEYSHELL_NO_TTY")) ? null : Terminal.DEVICE;
    return new MfaSources(env, tty, new ProcessRunner(), TIMEOUT, err);
  }

  /**
   * The code of {@code serial} for {@code step}: the one entry the provisioner calls, after the
   * never-reuse ledger chose the step (and waited for it).
   *
   * @param itemFields the credential item's fields
   * @param itemReadAt when the item was read (the store's current code belongs to that step)
   * @param profile the properties of the profile that names the MFA device
   */
  public String codeFor(
      String serial,
      List<Field> itemFields,
      Instant itemReadAt,
      Map<String, String> profile,
      long step) {
    return choose(itemFields, itemReadAt, profile).code(serial, step);
  }

  /** The source {@link #codeFor} uses. */
  public MfaSource choose(List<Field> itemFields, Instant itemReadAt, Map<String, String> profile) {
    Optional<String> account = value(itemFields, YUBIKEY_ACCOUNT);
    if (account.isPresent()) {
      return new YubiKey(account.get(), environment, runner, timeout, err);
    }
    Optional<Field> otp = otp(itemFields);
    if (otp.isPresent()) {
      return new ItemOtp(otp.get(), itemReadAt);
    }
    String process = profile.get(MFA_PROCESS);
    if (process != null && !process.isBlank()) {
      return new MfaProcess(process.strip(), environment, runner, timeout);
    }
    return tty == null ? TypedCode.NO_TERMINAL : new TypedCode(tty);
  }

  /** The OTP field as {@link AwsKeys} reads it: by label, else the first OTP-typed field. */
  private static Optional<Field> otp(List<Field> fields) {
    for (Field f : fields) {
      if (f.isLabelled(AwsKeys.ONE_TIME_PASSWORD) && hasCode(f)) {
        return Optional.of(f);
      }
    }
    for (Field f : fields) {
      if (f.type() == FieldType.OTP && hasCode(f)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private static boolean hasCode(Field f) {
    return f.value() != null && !f.value().isBlank() || f.totp() != null && !f.totp().isBlank();
  }

  private static Optional<String> value(List<Field> fields, String label) {
    for (Field f : fields) {
      if (f.isLabelled(label) && f.value() != null && !f.value().isBlank()) {
        return Optional.of(f.value().strip());
      }
    }
    return Optional.empty();
  }
}
