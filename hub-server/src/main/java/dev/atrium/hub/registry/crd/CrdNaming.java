package dev.atrium.hub.registry.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.model.catalog.BuiltinCatalog;
import dev.atrium.model.catalog.ResourceType;
import java.util.Collection;
import java.util.Optional;

/**
 * The naming and establishing controllers' status computation: accept the requested names unless
 * another CRD of the group (or a built-in) uses one of them; establish once names are accepted.
 */
public final class CrdNaming {

  private CrdNaming() {}

  /** A name already in use: the condition reason and message. */
  record Conflict(String reason, String message) {}

  /** Sets acceptedNames, NamesAccepted and Established on {@code crd} (in place). */
  public static ObjectNode reconcile(ObjectNode crd, Collection<ObjectNode> clusterCrds) {
    ObjectNode status = crd.with("status");
    CrdNames requested = CrdNames.requested(crd);
    Optional<Conflict> conflict = conflict(crd, requested, clusterCrds);
    if (conflict.isPresent()) {
      CrdConditions.set(
          status,
          CrdConditions.NAMES_ACCEPTED,
          "False",
          conflict.get().reason(),
          conflict.get().message());
      if (!CrdConditions.established(crd)) {
        CrdConditions.set(
            status,
            CrdConditions.ESTABLISHED,
            "False",
            "NotAccepted",
            "not all names are accepted");
      }
      return crd;
    }
    status.set("acceptedNames", requested.toJson());
    CrdConditions.set(
        status, CrdConditions.NAMES_ACCEPTED, "True", "NoConflicts", "no conflicts found");
    if (!CrdConditions.established(crd)) {
      CrdConditions.set(
          status,
          CrdConditions.ESTABLISHED,
          "True",
          "InitialNamesAccepted",
          "the initial names have been accepted");
    }
    return crd;
  }

  static Optional<Conflict> conflict(
      ObjectNode crd, CrdNames requested, Collection<ObjectNode> clusterCrds) {
    String group = crd.path("spec").path("group").asText("");
    String self = ObjectMeta.name(crd);
    for (ObjectNode other : clusterCrds) {
      CrdNames taken = CrdNames.accepted(other);
      if (taken != null
          && !ObjectMeta.name(other).equals(self)
          && group.equals(other.path("spec").path("group").asText(""))) {
        Optional<Conflict> c = against(requested, taken);
        if (c.isPresent()) {
          return c;
        }
      }
    }
    return builtin(group, requested);
  }

  private static Optional<Conflict> against(CrdNames requested, CrdNames taken) {
    if (requested.plural().equals(taken.plural())) {
      return inUse("PluralConflict", requested.plural());
    }
    if (requested.singular().equals(taken.singular())) {
      return inUse("SingularConflict", requested.singular());
    }
    for (String shortName : requested.shortNames()) {
      if (taken.shortNames().contains(shortName)) {
        return inUse("ShortNamesConflict", shortName);
      }
    }
    if (requested.kind().equals(taken.kind())) {
      return inUse("KindConflict", requested.kind());
    }
    if (requested.listKind().equals(taken.listKind())) {
      return inUse("ListKindConflict", requested.listKind());
    }
    return Optional.empty();
  }

  private static Optional<Conflict> builtin(String group, CrdNames requested) {
    for (ResourceType t : BuiltinCatalog.all()) {
      if (t.group().equals(group)) {
        if (t.plural().equals(requested.plural())) {
          return inUse("PluralConflict", requested.plural());
        }
        if (t.kind().equals(requested.kind())) {
          return inUse("KindConflict", requested.kind());
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Conflict> inUse(String reason, String name) {
    return Optional.of(new Conflict(reason, "\"" + name + "\" is already in use"));
  }
}
