package dev.keyshell.item;

/**
 * One labelled field of an item. {@code totp} is the current one-time code where the store computes
 * it (1Password does for OTP fields), else null.
 */
public record Field(String id, String label, FieldType type, String value, String totp) {

  public Field(String label, FieldType type, String value) {
    this(null, label, type, value, null);
  }

  public boolean isLabelled(String name) {
    return label != null && label.trim().equalsIgnoreCase(name);
  }

  /** Never the value: fields hold secrets. */
  @Override
  public String toString() {
    return "Field[" + label + ", " + type + "]";
  }
}
