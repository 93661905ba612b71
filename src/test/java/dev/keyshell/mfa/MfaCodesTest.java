package dev.keyshell.mfa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keyshell.aws.MfaCodeSource;
import dev.keyshell.core.Env;
import dev.keyshell.item.Field;
import dev.keyshell.item.FieldType;
import dev.keyshell.otp.TotpSecret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which one-time code goes to STS: the store's current one, or one computed from the secret. */
class MfaCodesTest {
  private static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  private static final String URI = "otpauth://totp/AWS:alice?secret=" + SECRET + "&issuer=AWS";
  private static final String SERIAL = "arn:aws:iam::1:mfa/alice";
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:10Z");

  @TempDir Path cache;
  private final PrintStream err = new PrintStream(new ByteArrayOutputStream());

  private String code(Field otp, Instant readAt) {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    MfaCodes codes =
        new MfaCodes(
            cache, clock, err, d -> {}, MfaSources.system(new Env(Map.of(), cache, cache), err));
    MfaCodeSource source = codes.forItem(List.of(otp), readAt, Map.of());
    String code = source.code(SERIAL);
    source.sent(SERIAL, true);
    return code;
  }

  @Test
  void prefers_the_stores_current_code_when_it_was_read_in_this_step() {
    Field otp = new Field("f", "One-Time Password", FieldType.OTP, URI, "000042");
    assertEquals("000042", code(otp, NOW.minusSeconds(5)));
  }

  @Test
  void computes_the_code_when_the_stores_code_belongs_to_an_earlier_step() {
    Field otp = new Field("f", "One-Time Password", FieldType.OTP, URI, "000042");
    assertEquals(TotpSecret.parse(SECRET).codeAt(NOW), code(otp, NOW.minusSeconds(30)));
  }

  @Test
  void computes_the_code_from_a_bare_base32_secret_when_the_store_has_none() {
    Field otp = new Field("One-Time Password", FieldType.OTP, SECRET);
    assertEquals(TotpSecret.parse(URI).codeAt(NOW), code(otp, NOW));
  }
}
