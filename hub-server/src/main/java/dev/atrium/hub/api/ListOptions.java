package dev.atrium.hub.api;

import dev.atrium.hub.registry.crd.CrdVersion;
import dev.atrium.hub.registry.crd.CustomResources;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.storage.selection.FieldSelector;
import dev.atrium.hub.storage.selection.FieldSets;
import dev.atrium.hub.storage.selection.LabelSelector;
import dev.atrium.hub.storage.selection.Selection;
import dev.atrium.hub.storage.selection.SelectorException;
import dev.atrium.model.catalog.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * List and watch options from the query: selectors, paging, and resourceVersion semantics (KEP
 * 2523).
 */
public record ListOptions(
    Selection selection,
    int limit,
    String continueToken,
    String resourceVersion,
    String resourceVersionMatch) {

  public static ListOptions parse(Query query, ResourceType type) {
    return parse(query, type, false);
  }

  /**
   * The options of a request; a custom resource's field selector may also use the labels of its CRD
   * version's {@code selectableFields} in the request's logical cluster.
   */
  public static ListOptions parse(ApiRequest req, boolean watch) {
    List<String> custom =
        CustomResources.version(req.cluster(), req.type())
            .map(CrdVersion::selectableFields)
            .orElse(List.of());
    return parse(req.query(), req.type(), watch, custom);
  }

  /**
   * As {@link #parse(Query, ResourceType)}; a watch follows apimachinery's validateWatchOptions:
   * resourceVersionMatch needs sendInitialEvents (not resourceVersion), and must be NotOlderThan.
   */
  public static ListOptions parse(Query query, ResourceType type, boolean watch) {
    return parse(query, type, watch, List.of());
  }

  private static ListOptions parse(
      Query query, ResourceType type, boolean watch, List<String> customFields) {
    Selection selection = selection(query, type, customFields);
    long limit = query.number("limit", 0);
    String cont = emptyToNull(query.get("continue"));
    String rv = emptyToNull(query.get("resourceVersion"));
    String match = emptyToNull(query.get("resourceVersionMatch"));
    if (watch) {
      validateWatch(match, query.get("sendInitialEvents") != null);
    } else {
      validate(rv, match, cont);
    }
    if (rv != null && !rv.matches("\\d+")) {
      throw invalidRv(rv);
    }
    return new ListOptions(
        selection, (int) Math.max(0, Math.min(limit, Integer.MAX_VALUE)), cont, rv, match);
  }

  static ApiException invalidRv(String rv) {
    return new ApiException(400, "BadRequest", "invalid resource version: " + rv, null);
  }

  private static Selection selection(Query query, ResourceType type, List<String> custom) {
    try {
      LabelSelector labels = LabelSelector.parse(query.get("labelSelector", ""));
      FieldSelector fields = FieldSelector.parse(query.get("fieldSelector", ""));
      fields.validate(
          FieldSets.supportedFields(type.group(), type.plural(), type.namespaced(), custom),
          type.qualifiedResource());
      return new Selection(
          labels, fields, FieldSets.forResource(type.group(), type.plural(), custom));
    } catch (SelectorException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static void validate(String rv, String match, String cont) {
    List<ApiException.Cause> causes = new ArrayList<>();
    if (match != null) {
      if (rv == null) {
        causes.add(
            forbidden("resourceVersionMatch is forbidden unless resourceVersion is provided"));
      }
      if (cont != null) {
        causes.add(forbidden("resourceVersionMatch is forbidden when continue is provided"));
      }
      if ("Exact".equals(match) && "0".equals(rv)) {
        causes.add(
            forbidden("resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
      }
      if (!match.equals("Exact") && !match.equals("NotOlderThan")) {
        causes.add(
            new ApiException.Cause(
                "FieldValueNotSupported",
                "Unsupported value: \""
                    + match
                    + "\": supported values: \"Exact\", \"NotOlderThan\", \"\"",
                "resourceVersionMatch"));
      }
    }
    if (!causes.isEmpty()) {
      throw ApiException.invalid("listoptions.meta.k8s.io", "ListOptions.meta.k8s.io", "", causes);
    }
  }

  private static void validateWatch(String match, boolean sendInitialEvents) {
    if (match == null) {
      return;
    }
    List<ApiException.Cause> causes = new ArrayList<>();
    if (!sendInitialEvents) {
      causes.add(
          forbidden(
              "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
    }
    if (!match.equals("NotOlderThan")) {
      causes.add(
          new ApiException.Cause(
              "FieldValueNotSupported",
              "Unsupported value: \"" + match + "\": supported values: \"NotOlderThan\"",
              "resourceVersionMatch"));
    }
    if (!causes.isEmpty()) {
      throw ApiException.invalid("listoptions.meta.k8s.io", "ListOptions.meta.k8s.io", "", causes);
    }
  }

  private static ApiException.Cause forbidden(String message) {
    return new ApiException.Cause(
        "FieldValueForbidden", "Forbidden: " + message, "resourceVersionMatch");
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** The exact snapshot to read, or 0 for the latest. */
  public long exactRevision() {
    if (continueToken != null || resourceVersion == null || resourceVersion.equals("0")) {
      return 0;
    }
    boolean exact =
        "Exact".equals(resourceVersionMatch) || (resourceVersionMatch == null && limit > 0);
    return exact ? Long.parseLong(resourceVersion) : 0;
  }

  /** The minimum revision the latest state must have reached (NotOlderThan), or 0. */
  public long minimumRevision() {
    if (resourceVersion == null || exactRevision() != 0) {
      return 0;
    }
    return Long.parseLong(resourceVersion);
  }
}
