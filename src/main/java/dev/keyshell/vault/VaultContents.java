package dev.keyshell.vault;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyshell.item.Field;
import dev.keyshell.item.FieldType;
import dev.keyshell.item.Item;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The decrypted vault: its items, and their JSON form inside the encryption ({@code {"format":1,
 * "items":[{"id","title","category","fields":[{"id","label","type","value"}]}]}}).
 */
final class VaultContents {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FORMAT = 1;

  private final List<Item> items;

  private VaultContents(List<Item> items) {
    this.items = items;
  }

  static VaultContents empty() {
    return new VaultContents(new ArrayList<>());
  }

  /** Reads the plaintext; the caller clears {@code json}. */
  static VaultContents decode(byte[] json) throws IOException {
    JsonNode root = JSON.readTree(json);
    if (root == null || root.path("format").asInt() != FORMAT || !root.path("items").isArray()) {
      throw new IOException("unexpected vault contents");
    }
    List<Item> items = new ArrayList<>();
    for (JsonNode i : root.get("items")) {
      List<Field> fields = new ArrayList<>();
      for (JsonNode f : i.path("fields")) {
        fields.add(
            new Field(
                text(f, "id"), text(f, "label"), type(text(f, "type")), text(f, "value"), null));
      }
      items.add(
          new Item(
              text(i, "id"),
              text(i, "title"),
              LocalVaultStore.VAULT_ID,
              LocalVaultStore.VAULT_NAME,
              text(i, "category"),
              fields));
    }
    return new VaultContents(items);
  }

  /** The plaintext; the caller clears it. */
  byte[] encode() {
    WipingBuffer out = new WipingBuffer();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("format", FORMAT);
      g.writeArrayFieldStart("items");
      for (Item i : items) {
        g.writeStartObject();
        g.writeStringField("id", i.id());
        g.writeStringField("title", i.title());
        g.writeStringField("category", i.category());
        g.writeArrayFieldStart("fields");
        for (Field f : i.fields()) {
          g.writeStartObject();
          g.writeStringField("id", f.id());
          g.writeStringField("label", f.label());
          g.writeStringField("type", f.type().name());
          g.writeStringField("value", f.value());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      out.wipe();
      throw new IllegalStateException("cannot serialize the vault", e);
    }
    byte[] bytes = out.toByteArray();
    out.wipe();
    return bytes;
  }

  List<Item> items() {
    return List.copyOf(items);
  }

  void add(Item item) {
    items.add(item);
  }

  /** Puts {@code item} where the item of the same id was. */
  void replace(Item item) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).id().equals(item.id())) {
        items.set(i, item);
        return;
      }
    }
    throw new IllegalArgumentException("no item " + item.id());
  }

  private static String text(JsonNode node, String name) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static FieldType type(String name) {
    try {
      return name == null ? FieldType.OTHER : FieldType.valueOf(name);
    } catch (IllegalArgumentException e) {
      return FieldType.OTHER;
    }
  }

  /** A byte buffer whose internal array can be cleared once the plaintext is no longer needed. */
  private static final class WipingBuffer extends ByteArrayOutputStream {
    WipingBuffer() {
      super(4096);
    }

    void wipe() {
      Arrays.fill(buf, (byte) 0);
    }
  }
}
