package dev.keyshell.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionCredentialsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1970-01-01T00:00:00Z",
        "2030-01-02T03:04:05.678Z",
        "2028-02-29T23:59:59.999Z",
        "2026-12-31T09:08:07Z",
        "1999-10-05T00:00:59.5Z"
      })
  void expiration_text_is_the_iso_instant_to_the_second(String instant) {
    Instant at = Instant.parse(instant);
    String expected = DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    assertEquals(expected, new SessionCredentials("ASIA", "s", "t", at).expirationText());
  }
}
