package dev.atrium.hub.auth.tokens;

import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.request.UserInfo;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.StoreFeed;
import dev.atrium.hub.storage.StoreFeeds;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates ServiceAccount JWTs: a valid signature and time window, an API audience, the
 * ServiceAccount still existing in the token's workspace with the same uid (cached up to 5 s,
 * evicted at once when the ServiceAccount changes or is deleted).
 */
@ApplicationScoped
public class ServiceAccountAuthenticator {

  static final long CACHE_MILLIS = 5000;
  private static final int CACHE_MAX = 100_000;

  @Inject ServiceAccountTokens tokens;
  @Inject StoreFeeds feeds;
  @Inject GenericRegistry registry;
  @Inject Vertx vertx;

  private final Map<ObjectKey, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(String uid, long until) {}

  void start(@Observes StartupEvent event) {
    ResourceScope scope = new ResourceScope(ResourceScope.ALL_CLUSTERS, "", "serviceaccounts", "");
    feeds.start(
        scope,
        new StoreFeed.Handler() {
          @Override
          public void reset(List<StoredObject> items) {
            cache.clear();
          }

          @Override
          public void onEvent(WatchEvent e) {
            cache.remove(e.object().key());
          }
        },
        false);
  }

  /** The user of a ServiceAccount token presented to {@code cluster}; 401 when not valid. */
  public Uni<UserInfo> authenticate(String token, String cluster, List<String> audiences) {
    ServiceAccountClaims claims;
    try {
      claims = tokens.signer().verify(token, audiences, Instant.now());
    } catch (InvalidTokenException e) {
      return Uni.createFrom().failure(unauthorized());
    }
    ObjectKey key =
        new ObjectKey(claims.cluster(), "", "serviceaccounts", claims.namespace(), claims.name());
    boolean home = claims.cluster().equals(cluster);
    return currentUid(key)
        .map(
            uid -> {
              if (uid == null || !uid.equals(claims.uid())) {
                throw unauthorized();
              }
              return home ? user(claims) : foreign(claims);
            });
  }

  /**
   * A ServiceAccount outside its own workspace is authenticated, but under a name no binding of
   * another workspace can match by accident (a same-named ServiceAccount there is a different one),
   * and only in {@code system:authenticated}: it gets 403 wherever nothing grants it.
   */
  static UserInfo foreign(ServiceAccountClaims claims) {
    return new UserInfo(
        "system:atrium:workspace:" + claims.cluster() + ":" + claims.username(),
        claims.uid(),
        List.of("system:authenticated"));
  }

  public Uni<UserInfo> authenticate(String token, String cluster) {
    return authenticate(token, cluster, tokens.apiAudiences());
  }

  private Uni<String> currentUid(ObjectKey key) {
    long now = System.currentTimeMillis();
    Cached c = cache.get(key);
    if (c != null && c.until() > now) {
      return Uni.createFrom().item(c.uid());
    }
    return registry
        .get(key)
        .map(o -> ObjectMeta.deleting(o.body()) ? "" : ObjectMeta.uid(o.body()))
        .onFailure(StorageException.NotFound.class)
        .recoverWithItem("")
        .invoke(
            uid -> {
              if (cache.size() >= CACHE_MAX) {
                cache.clear();
              }
              cache.put(key, new Cached(uid, now + CACHE_MILLIS));
            });
  }

  static UserInfo user(ServiceAccountClaims claims) {
    return new UserInfo(
        claims.username(),
        claims.uid(),
        List.of(
            "system:serviceaccounts",
            "system:serviceaccounts:" + claims.namespace(),
            "system:authenticated"));
  }

  private static ApiException unauthorized() {
    return new ApiException(401, "Unauthorized", "Unauthorized", null);
  }
}
