package dev.atrium.hub.registry.apply;

import java.util.Objects;

/**
 * One entry of {@code metadata.managedFields}. Entries are identified by manager, operation and
 * subresource.
 *
 * @param operation {@code Apply} or {@code Update}
 * @param subresource {@code ""} for the main resource
 */
public record ManagedEntry(
    String manager,
    String operation,
    String apiVersion,
    String time,
    String subresource,
    FieldSet fields) {

  public static final String APPLY = "Apply";
  public static final String UPDATE = "Update";

  public ManagedEntry {
    manager = manager == null ? "" : manager;
    operation = operation == null ? "" : operation;
    apiVersion = apiVersion == null ? "" : apiVersion;
    subresource = subresource == null ? "" : subresource;
    fields = fields == null ? FieldSet.empty() : fields;
  }

  public boolean sameIdentity(String manager, String operation, String subresource) {
    return this.manager.equals(manager)
        && this.operation.equals(operation)
        && this.subresource.equals(Objects.requireNonNullElse(subresource, ""));
  }

  public ManagedEntry withFields(FieldSet fields) {
    return new ManagedEntry(manager, operation, apiVersion, time, subresource, fields);
  }

  /** How Kubernetes names the entry in a conflict, e.g. {@code "kubectl" using apps/v1}. */
  public String display() {
    StringBuilder b = new StringBuilder().append('"').append(manager).append('"');
    if (!subresource.isEmpty()) {
      b.append(" with subresource \"").append(subresource).append('"');
    }
    if (UPDATE.equals(operation)) {
      b.append(" using ").append(apiVersion);
    }
    return b.toString();
  }
}
