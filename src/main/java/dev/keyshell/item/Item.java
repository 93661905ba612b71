package dev.keyshell.item;

import java.util.List;
import java.util.Optional;

/**
 * A credential item as every store presents it: 1Password's item shape (category, labelled fields)
 * reduced to what keyshell reads. The same model serves the local vault.
 */
public record Item(
    String id,
    String title,
    String vaultId,
    String vaultName,
    String category,
    List<Field> fields) {

  public static final String LOGIN = "LOGIN";
  public static final String API_CREDENTIAL = "API_CREDENTIAL";

  public Item {
    fields = List.copyOf(fields);
  }

  /** The first field whose label matches one of {@code labels}, case-insensitively, in order. */
  public Optional<Field> field(String... labels) {
    for (String label : labels) {
      for (Field f : fields) {
        if (f.isLabelled(label)) {
          return Optional.of(f);
        }
      }
    }
    return Optional.empty();
  }

  /** The first OTP-typed field, whatever its label. */
  public Optional<Field> otpField() {
    return fields.stream().filter(f -> f.type() == FieldType.OTP).findFirst();
  }

  @Override
  public String toString() {
    return "Item[" + title + " (" + id + ") in " + vaultName + ", " + fields + "]";
  }
}
