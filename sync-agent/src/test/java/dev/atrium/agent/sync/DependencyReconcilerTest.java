package dev.atrium.agent.sync;

import dev.atrium.agent.mapping.Objects;
import org.junit.jupiter.api.Test;

class DependencyReconcilerTest {

  @Test
  void offCopiesNothingAndTouchesNothing() throws Exception {
    // all collaborators are null: any use would throw
    DependencyReconciler.off().reconcile(Objects.deployment("root:a", "app", "web"), true);
  }
}
