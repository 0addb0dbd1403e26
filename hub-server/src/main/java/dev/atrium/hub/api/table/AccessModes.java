package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** helper.GetAccessModesAsString: abbreviated modes in a fixed order, comma-joined. */
final class AccessModes {

  private static final Map<String, String> SHORT =
      Map.of(
          "ReadWriteOnce", "RWO",
          "ReadOnlyMany", "ROX",
          "ReadWriteMany", "RWX",
          "ReadWriteOncePod", "RWOP");

  private static final List<String> ORDER =
      List.of("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod");

  private AccessModes() {}

  static String format(JsonNode modes) {
    List<String> present = Fields.texts(modes);
    List<String> result = new ArrayList<>();
    for (String mode : ORDER) {
      if (present.contains(mode)) {
        result.add(SHORT.get(mode));
      }
    }
    return String.join(",", result);
  }
}
