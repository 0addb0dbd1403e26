package dev.atrium.hub.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.apply.FieldSchema;
import dev.atrium.hub.registry.apply.ManagedFields;
import dev.atrium.hub.registry.sync.PlacementIndex;
import dev.atrium.hub.registry.sync.SyncFinalizers;
import dev.atrium.hub.registry.sync.SyncTargetIndex;
import dev.atrium.hub.registry.sync.TargetStatus;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.storage.ListPage;
import dev.atrium.hub.storage.ListRequest;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.Store;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.Write;
import dev.atrium.hub.storage.selection.LabelValidation;
import dev.atrium.model.catalog.ResourceType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The generic store: Kubernetes object semantics (system metadata, status subresource, generation,
 * finalizers and graceful deletion, optimistic concurrency with retries) over {@link Store}.
 */
@ApplicationScoped
public class GenericRegistry {

  private static final int UPDATE_RETRIES = 5;
  private static final long MAX_ANNOTATIONS_SIZE = 256 * 1024;
  private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject Store store;
  @Inject SyncTargetIndex syncTargets;
  @Inject PlacementIndex placements;
  @Inject CpuPool cpu;

  public Store store() {
    return store;
  }

  public Uni<StoredObject> get(ObjectKey key) {
    return store.get(key);
  }

  public Uni<ListPage> list(ListRequest request) {
    return store.list(request);
  }

  /** Creates {@code body} in ({@code cluster}, {@code namespace}); honours generateName. */
  public Uni<StoredObject> create(
      ResourceType type, String cluster, String namespace, ObjectNode body, WriteOptions options) {
    MetadataShape.check(type, body);
    String generateName = ObjectMeta.text(body, "generateName");
    String name = ObjectMeta.name(body);
    if (name.isEmpty() && generateName.isEmpty()) {
      throw ApiException.invalid(
          type.qualifiedResource(),
          type.kind(),
          "",
          List.of(
              ApiException.Cause.required("metadata.name", "name or generateName is required")));
    }
    return placed(type, cluster, namespace, body)
        .chain(
            () ->
                cpu.run(
                    () ->
                        createNamed(
                            type, cluster, namespace, body, name, generateName, options, 0)));
  }

  /**
   * Labels a new object in a namespace that Placements select for their targets, so it is synced
   * from its first revision on; no read at all in workspaces without Placements.
   */
  private Uni<Void> placed(ResourceType type, String cluster, String namespace, ObjectNode body) {
    if (!type.namespaced()
        || namespace.isEmpty()
        || !placements.active(cluster)
        || !PlacementIndex.placeable(type.group(), type.plural(), body)) {
      return Uni.createFrom().voidItem();
    }
    ObjectKey ns = new ObjectKey(cluster, "", "namespaces", "", namespace);
    return store
        .get(ns)
        .map(
            n -> {
              var labels = dev.atrium.hub.storage.selection.LabelSelector.labelsOf(n.body());
              PlacementIndex.label(body, placements.keysFor(cluster, labels));
              return (Void) null;
            })
        .onFailure(StorageException.NotFound.class)
        .recoverWithNull();
  }

  private Uni<StoredObject> createNamed(
      ResourceType type,
      String cluster,
      String namespace,
      ObjectNode body,
      String name,
      String generateName,
      WriteOptions options,
      int attempt) {
    String actual = name.isEmpty() ? generateName + randomSuffix() : name;
    Write planned = planCreate(type, cluster, namespace, body, actual, options);
    if (options.dryRun()) {
      return Uni.createFrom().item(new StoredObject(planned.key(), planned.body(), 0));
    }
    return store
        .create(planned.key(), planned.body())
        .onFailure(
            f -> f instanceof StorageException.AlreadyExists && name.isEmpty() && attempt < 8)
        .recoverWithUni(
            f ->
                createNamed(
                    type, cluster, namespace, body, name, generateName, options, attempt + 1));
  }

  /**
   * The write a create of {@code body} named {@code name} would make (system metadata, strategy,
   * field tracking, validation), for {@link #writeAll}; fails as a create would.
   */
  public Write planCreate(
      ResourceType type,
      String cluster,
      String namespace,
      ObjectNode body,
      String name,
      WriteOptions options) {
    MetadataShape.check(type, body);
    ObjectNode object = SystemMetadata.onCreate(type, body, cluster, namespace, name);
    Strategies.of(type).prepareForCreate(type, object);
    syncFinalizers(object, cluster);
    trackFields(type, null, object, "", options);
    validate(type, object);
    return Write.create(
        new ObjectKey(cluster, type.group(), type.plural(), namespace, name), object);
  }

  /**
   * The body an update of {@code current} (main resource, or {@code subresource} "status") by
   * {@code change} would store, or null when it changes nothing; for {@link #writeAll}.
   */
  public ObjectNode planUpdate(
      ResourceType type,
      StoredObject current,
      String subresource,
      UnaryOperator<ObjectNode> change,
      WriteOptions options) {
    ObjectNode next =
        mergeChecked(type, subresource, change.apply(current.copyBody()), current, options);
    return sameContent(next, current.body()) ? null : next;
  }

  /** The stored object {@code desired} makes of {@code current}: merged, tracked, validated. */
  private ObjectNode mergeChecked(
      ResourceType type,
      String subresource,
      ObjectNode desired,
      StoredObject current,
      WriteOptions options) {
    MetadataShape.check(type, desired);
    ObjectNode next = merge(type, subresource, desired, current.body());
    if (subresource == null || subresource.isEmpty()) {
      syncFinalizers(next, current.key().cluster());
      TargetStatus.prune(next);
    }
    trackFields(type, current.body(), next, subresource, options);
    validate(type, next, current.body());
    return next;
  }

  /** Writes planned writes in one transaction, all or none (see {@link Store#writeAll}). */
  public Uni<List<StoredObject>> writeAll(List<Write> writes) {
    return store.writeAll(writes);
  }

  /** The syncer finalizers of objects labelled for SyncTargets (see {@link SyncFinalizers}). */
  private void syncFinalizers(ObjectNode object, String cluster) {
    SyncFinalizers.apply(object, cluster, syncTargets::byKey, syncTargets.ready());
  }

  private static String randomSuffix() {
    StringBuilder b = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      b.append(NAME_CHARS.charAt(RANDOM.nextInt(NAME_CHARS.length())));
    }
    return b.toString();
  }

  private static void validate(ResourceType type, ObjectNode object) {
    validate(type, object, null);
  }

  /** {@code old} is the stored object on an update, null on a create. */
  private static void validate(ResourceType type, ObjectNode object, ObjectNode old) {
    String name = ObjectMeta.name(object);
    List<ApiException.Cause> causes =
        new ArrayList<>(NameValidation.validate(type.group(), type.plural(), name));
    causes.addAll(labelErrors(object));
    causes.addAll(annotationSize(object));
    causes.addAll(ModelShape.errors(type, object));
    causes.addAll(
        old == null
            ? Strategies.of(type).validate(type, object)
            : Strategies.of(type).validateUpdate(type, object, old));
    if (!causes.isEmpty()) {
      throw ApiException.invalid(type.qualifiedResource(), type.kind(), name, causes);
    }
  }

  /** Label keys are qualified names and values at most 63 name characters, as in Kubernetes. */
  private static List<ApiException.Cause> labelErrors(ObjectNode object) {
    List<ApiException.Cause> causes = new ArrayList<>();
    for (var it = object.path("metadata").path("labels").fields(); it.hasNext(); ) {
      var e = it.next();
      for (String error : LabelValidation.keyErrors(e.getKey())) {
        causes.add(ApiException.Cause.invalidValue("metadata.labels", e.getKey(), error));
      }
      String value = e.getValue().asText();
      for (String error : LabelValidation.valueErrors(value)) {
        causes.add(ApiException.Cause.invalidValue("metadata.labels", value, error));
      }
    }
    return causes;
  }

  /** Annotations hold at most 256 KiB (keys and values), as in Kubernetes. */
  private static List<ApiException.Cause> annotationSize(ObjectNode object) {
    JsonNode annotations = object.path("metadata").path("annotations");
    long total = 0;
    for (var it = annotations.fields(); it.hasNext(); ) {
      var e = it.next();
      total +=
          e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
              + e.getValue().asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
    if (total <= MAX_ANNOTATIONS_SIZE) {
      return List.of();
    }
    return List.of(
        new ApiException.Cause(
            "FieldValueTooLong",
            "Too long: must have at most " + MAX_ANNOTATIONS_SIZE + " bytes",
            "metadata.annotations"));
  }

  /**
   * Replaces the object (main resource, or {@code subresource} "status") with what {@code change}
   * makes of the current state. {@code expectedRevision} 0 retries on conflicts; otherwise a
   * mismatch is a Conflict.
   */
  public Uni<StoredObject> update(
      ResourceType type,
      ObjectKey key,
      String subresource,
      long expectedRevision,
      UnaryOperator<ObjectNode> change,
      WriteOptions options) {
    return store
        .get(key)
        .chain(
            current ->
                cpu.run(
                    () ->
                        updateFrom(
                            type, key, subresource, expectedRevision, change, options, current)))
        .onFailure(f -> f instanceof StorageException.Conflict && expectedRevision == 0)
        .retry()
        .atMost(UPDATE_RETRIES);
  }

  /**
   * A sync agent's status write for target {@code targetKey}: {@code change} turns {@code
   * {"status": <that target's status>}} into the new one, which is recorded per target ({@link
   * TargetStatus}); the object's status becomes the aggregate over its targets.
   */
  public Uni<StoredObject> updateTargetStatus(
      ResourceType type, ObjectKey key, String targetKey, UnaryOperator<ObjectNode> change) {
    return store
        .get(key)
        .chain(current -> cpu.run(() -> targetStatusFrom(type, key, targetKey, change, current)))
        .onFailure(StorageException.Conflict.class)
        .retry()
        .atMost(UPDATE_RETRIES);
  }

  private Uni<StoredObject> targetStatusFrom(
      ResourceType type,
      ObjectKey key,
      String targetKey,
      UnaryOperator<ObjectNode> change,
      StoredObject current) {
    ObjectNode base = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    base.set("status", TargetStatus.of(current.body(), targetKey));
    JsonNode status = change.apply(base).path("status");
    ObjectNode next = current.copyBody();
    TargetStatus.set(next, targetKey, status);
    Strategies.of(type).prepareForStatusUpdate(type, next, current.body());
    validate(type, next, current.body());
    if (sameContent(next, current.body())) {
      return Uni.createFrom().item(current);
    }
    return store.update(key, next, current.revision());
  }

  /**
   * Like {@link #update} with {@code expectedRevision} 0, but starting from {@code known}, a state
   * the caller already holds (a controller's event, its own last write): no read when that state is
   * still current; when the object moved on, the update is redone from a fresh read.
   */
  public Uni<StoredObject> updateKnown(
      ResourceType type,
      StoredObject known,
      String subresource,
      UnaryOperator<ObjectNode> change,
      WriteOptions options) {
    return cpu.run(
            () ->
                updateFrom(
                    type, known.key(), subresource, known.revision(), change, options, known))
        .onFailure(StorageException.Conflict.class)
        .recoverWithUni(() -> update(type, known.key(), subresource, 0, change, options));
  }

  private Uni<StoredObject> updateFrom(
      ResourceType type,
      ObjectKey key,
      String subresource,
      long expectedRevision,
      UnaryOperator<ObjectNode> change,
      WriteOptions options,
      StoredObject current) {
    if (expectedRevision != 0 && expectedRevision != current.revision()) {
      throw new StorageException.Conflict(key);
    }
    ObjectNode desired = MetadataShape.check(type, change.apply(current.copyBody()));
    String precondition = ObjectMeta.text(desired, "resourceVersion");
    if (!precondition.isEmpty() && !precondition.equals(Long.toString(current.revision()))) {
      throw new StorageException.Conflict(key);
    }
    ObjectNode next = mergeChecked(type, subresource, desired, current, options);
    if (sameContent(next, current.body())) {
      return Uni.createFrom().item(current);
    }
    if (options.dryRun()) {
      return Uni.createFrom().item(new StoredObject(key, next, current.revision()));
    }
    if (ObjectMeta.deleting(next)
        && ObjectMeta.finalizers(next).isEmpty()
        && !Strategies.of(type).needsGracefulDeletion(next)) {
      return store.delete(key, current.revision());
    }
    return store.update(key, next, current.revision());
  }

  /** Records the write in managedFields as an Update (a server-side apply did so already). */
  private static void trackFields(
      ResourceType type,
      ObjectNode old,
      ObjectNode next,
      String subresource,
      WriteOptions options) {
    if (options.applied()) {
      return;
    }
    ManagedFields.recordUpdate(
        old,
        next,
        options.fieldManager(),
        subresource,
        FieldSchema.forKind(type.group(), type.version(), type.kind()));
  }

  private static ObjectNode merge(
      ResourceType type, String subresource, ObjectNode desired, ObjectNode old) {
    if ("status".equals(subresource)) {
      ObjectNode next = SystemMetadata.onStatusUpdate(desired, old);
      Strategies.of(type).prepareForStatusUpdate(type, next, old);
      return next;
    }
    if ("finalize".equals(subresource)) {
      return SystemMetadata.onFinalize(desired, old);
    }
    ObjectNode next = SystemMetadata.onUpdate(type, desired, old);
    Strategies.of(type).prepareForUpdate(type, next, old);
    return next;
  }

  /** Equal apart from metadata.resourceVersion (compared without copying either body). */
  static boolean sameContent(ObjectNode a, ObjectNode b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (var it = a.fields(); it.hasNext(); ) {
      var field = it.next();
      JsonNode other = b.get(field.getKey());
      boolean same =
          field.getKey().equals("metadata")
              ? sameMetadata(field.getValue(), other)
              : field.getValue().equals(other);
      if (!same) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameMetadata(JsonNode a, JsonNode b) {
    if (!(a instanceof ObjectNode x) || !(b instanceof ObjectNode y)) {
      return Objects.equals(a, b);
    }
    int extra = (x.has("resourceVersion") ? 1 : 0) - (y.has("resourceVersion") ? 1 : 0);
    if (x.size() - y.size() != extra) {
      return false;
    }
    for (var it = x.fields(); it.hasNext(); ) {
      var field = it.next();
      if (!field.getKey().equals("resourceVersion")
          && !field.getValue().equals(y.get(field.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Deletes as Kubernetes does: with finalizers (or a graceful kind) the object is only marked;
   * otherwise it is removed. Returns the object's last state, and whether it is gone.
   */
  public Uni<DeleteResult> delete(ResourceType type, ObjectKey key, DeleteOptions options) {
    return store
        .get(key)
        .chain(current -> deleteFrom(type, key, options, current))
        .onFailure(f -> f instanceof StorageException.Conflict && options.resourceVersion() == null)
        .retry()
        .atMost(UPDATE_RETRIES);
  }

  private Uni<DeleteResult> deleteFrom(
      ResourceType type, ObjectKey key, DeleteOptions options, StoredObject current) {
    checkPreconditions(type, key, options, current);
    Strategy strategy = Strategies.of(type);
    List<String> finalizers = ObjectMeta.finalizers(current.body());
    String extra = propagationFinalizer(options.propagationPolicy());
    if (extra != null && !finalizers.contains(extra)) {
      finalizers.add(extra);
    }
    boolean graceful = !finalizers.isEmpty() || strategy.needsGracefulDeletion(current.body());
    if (!graceful) {
      if (options.dryRun()) {
        return Uni.createFrom().item(new DeleteResult(current, true));
      }
      return store.delete(key, current.revision()).map(gone -> new DeleteResult(gone, true));
    }
    if (ObjectMeta.deleting(current.body()) && extra == null) {
      return Uni.createFrom().item(new DeleteResult(current, false));
    }
    ObjectNode marked = current.copyBody();
    ObjectMeta.setFinalizers(marked, finalizers);
    if (!ObjectMeta.deleting(marked)) {
      ObjectMeta.of(marked).put("deletionTimestamp", ObjectMeta.now());
      ObjectMeta.of(marked).put("deletionGracePeriodSeconds", 0);
    }
    strategy.prepareForDeletion(marked);
    if (options.dryRun()) {
      return Uni.createFrom()
          .item(new DeleteResult(new StoredObject(key, marked, current.revision()), false));
    }
    return store.update(key, marked, current.revision()).map(o -> new DeleteResult(o, false));
  }

  private static String propagationFinalizer(String policy) {
    if ("Foreground".equals(policy)) {
      return "foregroundDeletion";
    }
    if ("Orphan".equals(policy)) {
      return "orphan";
    }
    return null;
  }

  private static void checkPreconditions(
      ResourceType type, ObjectKey key, DeleteOptions options, StoredObject current) {
    String uid = ObjectMeta.uid(current.body());
    if (options.uid() != null && !options.uid().equals(uid)) {
      throw new ApiException(
          409,
          "Conflict",
          "Operation cannot be fulfilled on "
              + type.qualifiedResource()
              + " \""
              + key.name()
              + "\": Precondition failed: UID in precondition: "
              + options.uid()
              + ", UID in object meta: "
              + uid,
          ApiException.details(type.qualifiedResource(), key.name()));
    }
    if (options.resourceVersion() != null
        && !options.resourceVersion().equals(Long.toString(current.revision()))) {
      throw new StorageException.Conflict(key);
    }
  }

  /**
   * Deletes every object of {@code type} in {@code scope} (background propagation; objects with
   * finalizers are only marked). Returns how many objects the scope held.
   */
  public Uni<Integer> deleteAll(ResourceType type, dev.atrium.hub.storage.ResourceScope scope) {
    return store
        .list(
            new ListRequest(
                scope, dev.atrium.hub.storage.selection.Selection.everything(), 0, null, 0))
        .chain(page -> deleteEach(type, page.items()).replaceWith(page.items().size()));
  }

  private Uni<Void> deleteEach(ResourceType type, List<StoredObject> objects) {
    if (objects.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return io.smallrye.mutiny.Multi.createFrom()
        .iterable(objects)
        .onItem()
        .transformToUniAndConcatenate(
            o ->
                delete(type, o.key(), DeleteOptions.DEFAULT)
                    .replaceWithVoid()
                    .onFailure(StorageException.NotFound.class)
                    .recoverWithNull())
        .collect()
        .last()
        .replaceWithVoid();
  }

  /** Result of a delete: the last state, and whether the object is gone or only marked. */
  public record DeleteResult(StoredObject object, boolean gone) {}
}
