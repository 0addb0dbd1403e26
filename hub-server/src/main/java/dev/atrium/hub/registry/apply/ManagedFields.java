package dev.atrium.hub.registry.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Field ownership of non-apply writes: the fields a write adds or changes go to the writer's {@code
 * Update} entry and are taken from everyone else; removed fields leave every entry. Managed fields
 * written by the client itself are honoured.
 */
public final class ManagedFields {

  /** Manager of writes that name none and have no User-Agent (the hub's own controllers). */
  public static final String DEFAULT_MANAGER = "atrium-hub";

  private ManagedFields() {}

  /** The manager Kubernetes derives from a User-Agent: its text before the first {@code /}. */
  public static String managerFromUserAgent(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return DEFAULT_MANAGER;
    }
    String prefix = userAgent.split("/", 2)[0].trim();
    if (prefix.length() > 128) {
      prefix = prefix.substring(0, 128);
    }
    return prefix.isEmpty() ? DEFAULT_MANAGER : prefix;
  }

  /**
   * Records {@code updated} (the object about to be stored; {@code old} is null on create) as an
   * Update by {@code manager}, and writes the resulting managedFields into {@code updated}.
   *
   * @param subresource {@code ""} for the main resource
   */
  public static ObjectNode recordUpdate(
      ObjectNode old, ObjectNode updated, String manager, String subresource, FieldSchema schema) {
    String sub = subresource == null ? "" : subresource;
    String who = manager == null || manager.isEmpty() ? DEFAULT_MANAGER : manager;
    List<ManagedEntry> entries = base(old, updated, sub);
    Comparison diff = Comparison.of(TrackedView.of(old), TrackedView.of(updated), schema);
    List<ManagedEntry> next = new ArrayList<>();
    ManagedEntry own = null;
    for (ManagedEntry e : entries) {
      if (e.sameIdentity(who, ManagedEntry.UPDATE, sub)) {
        own = e;
      } else {
        next.add(e.withFields(e.fields().difference(diff.removed()).difference(diff.changed())));
      }
    }
    FieldSet before = own == null ? FieldSet.empty() : own.fields();
    FieldSet owned = before.difference(diff.removed()).union(diff.changed());
    String time = own == null ? null : own.time();
    if (!diff.changed().isEmpty() || own == null) {
      time = now();
    }
    next.add(new ManagedEntry(who, ManagedEntry.UPDATE, apiVersion(updated), time, sub, owned));
    ManagedFieldsCodec.write(updated, next);
    return updated;
  }

  /**
   * The entries to start from: those the client wrote into the new object when it wrote any (not
   * for subresources), else the stored ones.
   */
  private static List<ManagedEntry> base(ObjectNode old, ObjectNode updated, String sub) {
    JsonNode written = updated.path("metadata").get("managedFields");
    if (sub.isEmpty() && written != null && written.isArray() && !written.isEmpty()) {
      try {
        return ManagedFieldsCodec.decode(written);
      } catch (IllegalArgumentException e) {
        // unreadable: keep the stored ones, as Kubernetes does
      }
    }
    try {
      return ManagedFieldsCodec.read(old);
    } catch (IllegalArgumentException e) {
      return new ArrayList<>();
    }
  }

  static String apiVersion(ObjectNode object) {
    return object == null ? "" : object.path("apiVersion").asText("");
  }

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
