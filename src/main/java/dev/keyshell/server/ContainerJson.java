package dev.keyshell.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.keyshell.aws.SessionCredentials;
import java.io.IOException;
import java.io.StringWriter;

/**
 * The bodies of the container-credentials contract (../shared/conformance/ecs): the credentials as
 * {@code AccessKeyId}, {@code SecretAccessKey}, {@code Token} and an RFC 3339 UTC {@code
 * Expiration}; errors as {@code {"code", "message"}}, which the SDKs print.
 */
final class ContainerJson {
  private ContainerJson() {}

  static String credentials(SessionCredentials c) {
    return write(
        g -> {
          g.writeStringField("AccessKeyId", c.accessKeyId());
          g.writeStringField("SecretAccessKey", c.secretAccessKey());
          g.writeStringField("Token", c.sessionToken());
          g.writeStringField("Expiration", c.expirationText());
        });
  }

  static String error(String code, String message) {
    return write(
        g -> {
          g.writeStringField("code", code);
          g.writeStringField("message", message);
        });
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Fields fields) {
    try {
      StringWriter w = new StringWriter();
      try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
        g.writeStartObject();
        fields.write(g);
        g.writeEndObject();
      }
      return w.toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
