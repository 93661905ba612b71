package dev.keyshell.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyshell.item.Field;
import dev.keyshell.item.FieldType;
import dev.keyshell.item.Item;
import dev.keyshell.item.ItemRef;
import dev.keyshell.item.StoreKind;
import java.util.ArrayList;
import java.util.List;

/**
 * 1Password's item JSON, as both {@code op} (snake_case) and Connect (camelCase) print it, read as
 * a tree so that unknown properties, empty enums and new field types or categories are valid input.
 */
public final class OnePasswordJson {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private OnePasswordJson() {}

  /** A full item; fields keep {@code value} (secret, otpauth URI or base32) and {@code totp}. */
  public static Item item(JsonNode node) {
    List<Field> fields = new ArrayList<>();
    for (JsonNode f : node.path("fields")) {
      fields.add(
          new Field(
              text(f, "id"),
              text(f, "label"),
              FieldType.fromOnePassword(text(f, "type")),
              text(f, "value"),
              text(f, "totp")));
    }
    JsonNode vault = node.path("vault");
    return new Item(
        text(node, "id"),
        text(node, "title"),
        text(vault, "id"),
        text(vault, "name"),
        text(node, "category"),
        fields);
  }

  /** An item summary (no fields) from a list answer; {@code vaultName} when the JSON has none. */
  public static Store.ItemSummary summary(
      JsonNode node, StoreKind store, String account, String vaultName) {
    JsonNode vault = node.path("vault");
    String name = text(vault, "name");
    ItemRef ref = new ItemRef(store, account, text(vault, "id"), text(node, "id"));
    return new Store.ItemSummary(ref, text(node, "title"), name != null ? name : vaultName);
  }

  /** A new LOGIN item with these fields, the shape both {@code op item create} and Connect take. */
  public static ObjectNode loginTemplate(String title, List<Field> fields) {
    ObjectNode item = MAPPER.createObjectNode();
    item.put("title", title);
    item.put("category", Item.LOGIN);
    ArrayNode array = item.putArray("fields");
    for (Field f : fields) {
      ObjectNode field = array.addObject();
      if (f.id() != null) {
        field.put("id", f.id());
      }
      field.put("type", typeName(f.type()));
      field.put("label", f.label());
      field.put("value", f.value());
    }
    return item;
  }

  /**
   * Applies {@code edits} to an item as 1Password returned it ({@code op item get}, Connect's GET),
   * so everything keyshell does not model (sections, notes, URLs, other fields) is sent back as it
   * came. A stale {@code totp} is dropped from a changed OTP field.
   */
  public static ObjectNode edited(JsonNode item, List<FieldEdit> edits) {
    ObjectNode copy = item.deepCopy();
    ArrayNode fields =
        copy.has("fields") && copy.get("fields").isArray()
            ? (ArrayNode) copy.get("fields")
            : copy.putArray("fields");
    for (FieldEdit e : edits) {
      boolean done = false;
      for (int i = 0; i < fields.size(); i++) {
        JsonNode f = fields.get(i);
        if (!e.matches(text(f, "label"), fieldType(text(f, "type")))) {
          continue;
        }
        if (e.removes() || done) {
          fields.remove(i--);
        } else {
          ObjectNode o = (ObjectNode) f;
          o.put("type", typeName(e.type()));
          o.put("value", e.value());
          o.remove("totp");
          done = true;
        }
      }
      if (!done && !e.removes()) {
        ObjectNode added = fields.addObject();
        added.put("type", typeName(e.type()));
        added.put("label", e.label());
        added.put("value", e.value());
      }
    }
    return copy;
  }

  private static FieldType fieldType(String name) {
    if (name == null) {
      return FieldType.OTHER;
    }
    return switch (name.toUpperCase(java.util.Locale.ROOT)) {
      case "OTP", "TOTP" -> FieldType.OTP;
      case "CONCEALED" -> FieldType.CONCEALED;
      case "STRING" -> FieldType.STRING;
      default -> FieldType.OTHER;
    };
  }

  private static String typeName(FieldType type) {
    return switch (type) {
      case CONCEALED -> "CONCEALED";
      case OTP -> "OTP";
      case STRING, OTHER -> "STRING";
    };
  }

  /** The property as text, or null when absent, null or not a scalar. */
  public static String text(JsonNode node, String name) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }
}
