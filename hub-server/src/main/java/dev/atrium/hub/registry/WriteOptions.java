package dev.atrium.hub.registry;

import dev.atrium.hub.request.ApiException;
import java.util.List;

/**
 * Options common to writes.
 *
 * @param dryRun nothing is stored; the response is what would have been stored
 * @param fieldManager the writer's field manager name, or null (then the hub's own)
 * @param applied the object already carries the managedFields of a server-side apply, so the write
 *     is not recorded as an Update
 */
public record WriteOptions(boolean dryRun, String fieldManager, boolean applied) {
  public static final WriteOptions DEFAULT = new WriteOptions(false, null);

  /** At most 128 characters, as kube-apiserver allows. */
  public static final int MAX_FIELD_MANAGER = 128;

  /**
   * Checks a field manager name a request gives ({@code fieldManager}; null when it gives none): at
   * most 128 characters, none of them control characters, as kube-apiserver requires (it is stored
   * in managedFields). Returns it.
   */
  public static String checkFieldManager(String fieldManager) {
    if (fieldManager != null) {
      if (fieldManager.length() > MAX_FIELD_MANAGER) {
        throw invalidManager(fieldManager, "must be no more than 128 characters");
      }
      if (fieldManager.chars().anyMatch(Character::isISOControl)) {
        throw invalidManager(fieldManager, "must consist of printable characters");
      }
    }
    return fieldManager;
  }

  public WriteOptions(boolean dryRun, String fieldManager) {
    this(dryRun, fieldManager, false);
  }

  private static ApiException invalidManager(String manager, String detail) {
    String shown = manager.length() > 40 ? manager.substring(0, 40) + "..." : manager;
    return ApiException.invalid(
        "",
        "WriteOptions",
        "",
        List.of(
            ApiException.Cause.invalidValue(
                "fieldManager", shown.replaceAll("\\p{Cntrl}", "?"), detail)));
  }
}
