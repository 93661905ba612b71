package dev.keyshell.scope;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.SecureFiles;
import dev.keyshell.item.ItemRef;
import dev.keyshell.item.StoreKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scope file ({@code aws.json}): {@code {"credentials":[{"plugin":"aws", "credential_type":
 * "access_key", "store":"op", "account":..., "vault_id":..., "item_id":...}]}}, the shape {@code op
 * plugin} uses, plus {@code title}/{@code vault} for display and {@code profile} for an entry that
 * serves one AWS root profile only.
 */
public final class ScopeFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScopeFile() {}

  public static List<CredentialRef> parse(byte[] bytes, Path source) {
    try {
      JsonNode root = JSON.readTree(bytes);
      List<CredentialRef> refs = new ArrayList<>();
      for (JsonNode c : root.path("credentials")) {
        String plugin = c.path("plugin").asText("aws");
        StoreKind store = StoreKind.parse(c.path("store").asText());
        String itemId = text(c, "item_id");
        if (itemId == null) {
          throw new IllegalArgumentException("an entry has no item_id");
        }
        refs.add(
            new CredentialRef(
                plugin,
                c.path("credential_type").asText("access_key"),
                new ItemRef(store, text(c, "account"), text(c, "vault_id"), itemId),
                Optional.ofNullable(text(c, "title")).orElse(itemId),
                text(c, "vault"),
                text(c, "profile")));
      }
      return refs;
    } catch (IOException | IllegalArgumentException e) {
      throw new KeyshellException(
          source + " is not a valid keyshell scope file (" + firstLine(e.getMessage()) + ")",
          "remove it with 'keyshell plugin clear aws', or run 'keyshell plugin init aws' again");
    }
  }

  public static List<CredentialRef> read(Path file) throws IOException {
    try {
      return parse(Files.readAllBytes(file), file);
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  public static byte[] render(List<CredentialRef> refs) {
    try {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      try (JsonGenerator g = new JsonFactory().createGenerator(buf)) {
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeArrayFieldStart("credentials");
        for (CredentialRef r : refs) {
          g.writeStartObject();
          g.writeStringField("plugin", r.plugin());
          g.writeStringField("credential_type", r.credentialType());
          g.writeStringField("store", r.item().store().id());
          writeOptional(g, "account", r.item().account());
          writeOptional(g, "vault_id", r.item().vaultId());
          g.writeStringField("item_id", r.item().itemId());
          writeOptional(g, "title", r.title());
          writeOptional(g, "vault", r.vaultName());
          writeOptional(g, "profile", r.profile());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      buf.write('\n');
      return buf.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void write(Path file, List<CredentialRef> refs) throws IOException {
    SecureFiles.writeAtomically(file, render(refs));
  }

  private static void writeOptional(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
