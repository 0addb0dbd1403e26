package dev.atrium.model.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A logical cluster path: {@code root} or {@code root:<name>:<name>...}. Names are DNS labels. The
 * path is also the storage key of the logical cluster: workspace names never change, and a
 * workspace's subtree is deleted before its name can be reused.
 */
public record WorkspacePath(String value) {

  public static final WorkspacePath ROOT = new WorkspacePath("root");
  public static final int MAX_LENGTH = 1024;
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  public WorkspacePath {
    if (!valid(value)) {
      throw new IllegalArgumentException("invalid workspace path \"" + value + "\"");
    }
  }

  public static boolean valid(String path) {
    if (path == null || path.isEmpty() || path.length() > MAX_LENGTH) {
      return false;
    }
    String[] names = path.split(":", -1);
    if (!names[0].equals("root")) {
      return false;
    }
    for (int i = 1; i < names.length; i++) {
      if (!validName(names[i])) {
        return false;
      }
    }
    return true;
  }

  public static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  public WorkspacePath child(String name) {
    return new WorkspacePath(value + ":" + name);
  }

  public Optional<WorkspacePath> parent() {
    int colon = value.lastIndexOf(':');
    return colon < 0 ? Optional.empty() : Optional.of(new WorkspacePath(value.substring(0, colon)));
  }

  /** The last name of the path ("root" for the root). */
  public String name() {
    return value.substring(value.lastIndexOf(':') + 1);
  }

  public boolean isRoot() {
    return value.equals("root");
  }

  /** True when {@code other} lies strictly below this path. */
  public boolean isAncestorOf(WorkspacePath other) {
    return other.value.startsWith(value + ":");
  }

  /** This path and its ancestors, nearest first. */
  public List<WorkspacePath> selfAndAncestors() {
    List<WorkspacePath> result = new ArrayList<>();
    Optional<WorkspacePath> p = Optional.of(this);
    while (p.isPresent()) {
      result.add(p.get());
      p = p.get().parent();
    }
    return result;
  }

  public int depth() {
    return (int) value.chars().filter(c -> c == ':').count();
  }

  @Override
  public String toString() {
    return value;
  }
}
