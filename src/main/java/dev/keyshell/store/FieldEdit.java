package dev.keyshell.store;

import dev.keyshell.item.Field;
import dev.keyshell.item.FieldType;
import java.util.ArrayList;
import java.util.List;

/**
 * One change to an item's fields: set the field labelled {@code label} (added when absent) to
 * {@code value}, or remove it when {@code value} is null. An edit of type OTP also matches the
 * item's OTP-typed fields whatever their label, as {@link dev.keyshell.item.AwsKeys} reads them.
 */
public record FieldEdit(String label, FieldType type, String value) {

  public static FieldEdit remove(String label, FieldType type) {
    return new FieldEdit(label, type, null);
  }

  public boolean removes() {
    return value == null;
  }

  /** Whether a field of this label and type is the one this edit changes. */
  public boolean matches(String fieldLabel, FieldType fieldType) {
    return fieldLabel != null && fieldLabel.strip().equalsIgnoreCase(label)
        || type == FieldType.OTP && fieldType == FieldType.OTP;
  }

  /** {@code fields} with the edits applied: changed in place, removed, or added at the end. */
  public static List<Field> apply(List<Field> fields, List<FieldEdit> edits, IdSource ids) {
    List<Field> out = new ArrayList<>(fields);
    for (FieldEdit e : edits) {
      boolean done = false;
      for (int i = 0; i < out.size(); i++) {
        Field f = out.get(i);
        if (!e.matches(f.label(), f.type())) {
          continue;
        }
        if (e.removes()) {
          out.remove(i--);
        } else if (!done) {
          out.set(i, new Field(f.id(), f.label(), e.type(), e.value(), null));
          done = true;
        } else {
          out.remove(i--); // a second field it matches would shadow the one just set
        }
      }
      if (!done && !e.removes()) {
        out.add(new Field(ids.next(), e.label(), e.type(), e.value(), null));
      }
    }
    return out;
  }

  /** New field ids, as the store makes them. */
  public interface IdSource {
    String next();
  }

  @Override
  public String toString() {
    return "FieldEdit[" + label + (removes() ? ", remove" : "") + "]";
  }
}
