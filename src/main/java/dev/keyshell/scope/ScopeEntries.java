package dev.keyshell.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The entries of every trusted scope here, merged: for an AWS profile mapped by name the nearest
 * scope's entry wins (session, then directory, then global), and those beat any scope's default;
 * the default is the nearest scope's (DESIGN "Provisioning aws", step 4).
 */
public final class ScopeEntries {
  /** One entry and the scope file it came from. */
  public record Entry(CredentialRef ref, ScopeLocator.Found from) {
    /** How it is shown: the credential, and from which scope. */
    public String describe() {
      return ref.describe() + " from the " + from.scope().id() + " scope";
    }
  }

  private final List<Entry> entries;

  private ScopeEntries(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The trusted files of {@code found} (in precedence order), parsed. */
  public static ScopeEntries of(List<ScopeLocator.Found> found) {
    List<Entry> entries = new ArrayList<>();
    for (ScopeLocator.Found f : found) {
      if (f.trusted()) {
        for (CredentialRef r : ScopeFile.parse(f.bytes(), f.path())) {
          entries.add(new Entry(r, f));
        }
      }
    }
    return new ScopeEntries(entries);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The nearest entry that maps {@code profile} by name. */
  public Optional<Entry> forProfile(String profile) {
    return entries.stream().filter(e -> profile.equals(e.ref().profile())).findFirst();
  }

  /** The nearest scope's default entry. */
  public Optional<Entry> defaultEntry() {
    return entries.stream().filter(e -> e.ref().isDefault()).findFirst();
  }

  /** Every profile name some trusted scope maps, sorted. */
  public List<String> mappedProfiles() {
    TreeSet<String> names = new TreeSet<>();
    for (Entry e : entries) {
      if (!e.ref().isDefault()) {
        names.add(e.ref().profile());
      }
    }
    return List.copyOf(names);
  }
}
