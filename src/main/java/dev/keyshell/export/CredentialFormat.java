package dev.keyshell.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.keyshell.provision.Minted;
import java.io.IOException;
import java.io.StringWriter;

/** How {@code keyshell export} prints credentials. */
public final class CredentialFormat {
  private CredentialFormat() {}

  /** POSIX shell {@code export} lines, values single-quoted. */
  public static String env(Minted m) {
    StringBuilder sb = new StringBuilder();
    line(sb, "AWS_ACCESS_KEY_ID", m.credentials().accessKeyId());
    line(sb, "AWS_SECRET_ACCESS_KEY", m.credentials().secretAccessKey());
    line(sb, "AWS_SESSION_TOKEN", m.credentials().sessionToken());
    line(sb, "AWS_CREDENTIAL_EXPIRATION", expiration(m));
    m.region()
        .ifPresent(
            r -> {
              line(sb, "AWS_REGION", r);
              line(sb, "AWS_DEFAULT_REGION", r);
            });
    return sb.toString();
  }

  /**
   * The credential_process contract: Version 1, AccessKeyId, SecretAccessKey, SessionToken and an
   * RFC 3339 UTC Expiration, so SDKs refresh before it.
   */
  public static String json(Minted m) {
    try {
      StringWriter w = new StringWriter();
      try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeNumberField("Version", 1);
        g.writeStringField("AccessKeyId", m.credentials().accessKeyId());
        g.writeStringField("SecretAccessKey", m.credentials().secretAccessKey());
        g.writeStringField("SessionToken", m.credentials().sessionToken());
        g.writeStringField("Expiration", expiration(m));
        g.writeEndObject();
      }
      return w + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String expiration(Minted m) {
    return m.credentials().expirationText();
  }

  private static void line(StringBuilder sb, String name, String value) {
    sb.append("export ")
        .append(name)
        .append("='")
        .append(value.replace("'", "'\\''"))
        .append("'\n");
  }
}
