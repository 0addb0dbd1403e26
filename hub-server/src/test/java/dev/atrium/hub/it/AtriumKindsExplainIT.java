package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code kubectl explain} of Atrium's own kinds shows the descriptions of their workspace-model
 * records (served from the generated schemas; before, each kind was an undocumented "any object"):
 * through OpenAPI v3, and through v2 as kubectl 1.27 reads it.
 */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
class AtriumKindsExplainIT {

  private static final Map<String, String> FIELD_DOCS =
      Map.of(
          "workspaces.spec.type", "The WorkspaceType of the new workspace",
          "workspacetypes.spec.initialNamespaces", "The namespaces every new workspace",
          "synctargets.status.lastHeartbeatTime", "When the sync agent last heartbeated",
          "placements.spec.numberOfClusters", "How many targets to choose",
          "apiexports.spec.resources", "The exported resources",
          "apibindings.spec.reference.export.path", "Path of the provider workspace");

  @ParameterizedTest
  @CsvSource({"1.33,", "1.27,", "1.27,--output=plaintext-openapiv2"})
  void explainShowsTheModelsDescriptions(String version, String output) {
    assumeTrue(Kubectl.available(version), "kubectl " + version + " not installed");
    Kubectl k = new Kubectl(version);
    FIELD_DOCS.forEach(
        (field, doc) -> {
          Kubectl.Result explain =
              output == null ? k.run("explain", field) : k.run("explain", field, output);
          assertTrue(explain.ok().output().contains(doc), field + ": " + explain.output());
        });
  }
}
