package dev.keyshell.provision;

import dev.keyshell.aws.MfaCodeSource;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.SecureFiles;
import dev.keyshell.item.Field;
import dev.keyshell.otp.TotpSecret;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One-time codes for an MFA device, never the same code twice: STS refuses a reused code, so when
 * the current 30-second step was already spent (by this or another process) keyshell waits for the
 * next one and says so. Spent steps are kept per device in {@code <cache>/mfa-used}, by hash.
 */
public final class MfaCodes {
  private final Path ledger;
  private final Clock clock;
  private final PrintStream err;
  private final Sleeper sleeper;

  /** Waits; tests replace it to move their clock instead. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  public MfaCodes(Path cacheDir, Clock clock, PrintStream err, Sleeper sleeper) {
    this.ledger = cacheDir.resolve("mfa-used");
    this.clock = clock;
    this.err = err;
    this.sleeper = sleeper;
  }

  /**
   * A code for {@code serial} from the item's OTP field, spent at once: for callers that send it
   * themselves. STS calls use {@link #forItem}, which spends a code only once STS received it.
   */
  public String code(String serial, Optional<Field> otp, Instant itemReadAt) {
    MfaCodeSource source = forItem(otp, itemReadAt);
    String code = source.code(serial);
    source.sent(serial, true);
    return code;
  }

  /**
   * Codes from the item's OTP field: the store's current code when its step is still unspent, else
   * one computed from the secret for the next unspent step. The device's ledger stays locked from
   * {@link MfaCodeSource#code} to {@link MfaCodeSource#sent}, so two processes never pick the same
   * step, and the step is recorded as spent only when STS received it.
   */
  public MfaCodeSource forItem(Optional<Field> otp, Instant itemReadAt) {
    return new ItemCodes(otp, itemReadAt);
  }

  private final class ItemCodes implements MfaCodeSource {
    private final Optional<Field> otp;
    private final Instant itemReadAt;
    private SecureFiles.Lock lock;
    private String device;
    private long step;

    ItemCodes(Optional<Field> otp, Instant itemReadAt) {
      this.otp = otp;
      this.itemReadAt = itemReadAt;
    }

    @Override
    public String code(String serial) {
      Field field =
          otp.orElseThrow(
              () ->
                  new KeyshellException(
                      "MFA device "
                          + serial
                          + " needs a one-time code, and the item has no"
                          + " One-Time Password field",
                      "add the device's TOTP secret to the item, or remove mfa_serial"));
      release();
      device = hash(serial);
      try {
        lock = SecureFiles.lock(ledger.resolveSibling("locks").resolve("mfa-" + device + ".lock"));
        long spent = spentStep(device);
        Instant now = clock.instant();
        step = TotpSecret.timeStep(now);
        if (step <= spent) {
          Instant next = TotpSecret.stepStart(spent + 1);
          Duration wait = Duration.between(now, next);
          err.println(
              "keyshell: the current MFA code was already used; waiting "
                  + Math.max(1, (wait.toMillis() + 999) / 1000)
                  + "s for the next one");
          err.flush();
          sleep(wait);
          step = spent + 1;
          return secret(field).codeAt(TotpSecret.stepStart(step));
        }
        if (field.totp() != null
            && !field.totp().isBlank()
            && TotpSecret.timeStep(itemReadAt) == step) {
          return field.totp().trim();
        }
        return secret(field).codeAt(now);
      } catch (IOException e) {
        release();
        throw new KeyshellException(
            "cannot record the MFA code's use in " + ledger + ": " + e.getMessage(),
            "check that the cache directory is writable");
      } catch (RuntimeException e) {
        release();
        throw e;
      }
    }

    @Override
    public void sent(String serial, boolean reached) {
      try {
        if (reached && lock != null) {
          record(device, step);
        }
      } catch (IOException e) {
        throw new KeyshellException(
            "cannot record the MFA code's use in " + ledger + ": " + e.getMessage(),
            "check that the cache directory is writable");
      } finally {
        release();
      }
    }

    private void release() {
      if (lock != null) {
        try {
          lock.close();
        } catch (IOException e) {
          // the lock goes with the file descriptor at the latest
        }
        lock = null;
      }
    }
  }

  private TotpSecret secret(Field field) {
    if (field.value() == null || field.value().isBlank()) {
      throw new KeyshellException(
          "the item's One-Time Password field has no secret to compute the next code from",
          "store the TOTP secret (otpauth:// URI or base32) in the field");
    }
    return TotpSecret.parse(field.value());
  }

  private void sleep(Duration d) {
    if (d.isNegative() || d.isZero()) {
      return;
    }
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyshellException("interrupted while waiting for the next MFA code", null);
    }
  }

  private long spentStep(String device) throws IOException {
    for (String line : lines()) {
      String[] p = line.split(" ");
      if (p.length == 2 && p[0].equals(device)) {
        try {
          return Long.parseLong(p[1]);
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  private void record(String device, long step) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : lines()) {
      if (!line.startsWith(device + " ") && !line.isBlank()) {
        out.add(line);
      }
    }
    out.add(device + " " + step);
    SecureFiles.writeAtomically(
        ledger, (String.join("\n", out) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private List<String> lines() throws IOException {
    try {
      return Files.readAllLines(ledger, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  private static String hash(String serial) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(serial.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
