package dev.atrium.hub.api;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * Continues a request after a {@link Uni} on the request's own Vert.x context (immediately when the
 * Uni completes there), so handlers keep running on their event loop.
 */
final class ContextHop {

  private ContextHop() {}

  static <T> void subscribe(Uni<T> uni, Consumer<T> onItem, Consumer<Throwable> onFailure) {
    Context context = Vertx.currentContext();
    uni.subscribe()
        .with(
            item -> run(context, () -> guarded(() -> onItem.accept(item), onFailure)),
            failure -> run(context, () -> onFailure.accept(failure)));
  }

  private static void guarded(Runnable action, Consumer<Throwable> onFailure) {
    try {
      action.run();
    } catch (RuntimeException e) {
      onFailure.accept(e);
    }
  }

  private static void run(Context context, Runnable action) {
    if (context == null || Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
