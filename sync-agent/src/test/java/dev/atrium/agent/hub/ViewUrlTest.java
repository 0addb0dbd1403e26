package dev.atrium.agent.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ViewUrlTest {

  @Test
  void findsWorkspaceAndTargetInTheServerUrl() {
    ViewUrl v = ViewUrl.parse("https://127.0.0.1:6443/services/syncer/root:acme/pc1/");
    assertEquals("https://127.0.0.1:6443/services/syncer/root:acme/pc1", v.base());
    assertEquals("root:acme", v.workspace());
    assertEquals("pc1", v.target());
  }

  @Test
  void rejectsOrdinaryServerUrls() {
    assertThrows(
        IllegalArgumentException.class, () -> ViewUrl.parse("https://h:6443/clusters/root"));
    assertThrows(
        IllegalArgumentException.class, () -> ViewUrl.parse("https://h/services/syncer/root"));
  }

  @Test
  void parsesWatchLines() {
    ViewEvent e =
        ViewEvent.parse(
            "{\"type\":\"MODIFIED\",\"workspace\":\"root:a\",\"group\":\"apps\",\"version\":\"v1\",\"resource\":\"deployments\",\"object\":{\"kind\":\"Deployment\",\"metadata\":{\"name\":\"w\",\"namespace\":\"n\",\"resourceVersion\":\"12\"}}}");
    assertEquals("MODIFIED", e.type());
    assertEquals("12", e.resourceVersion());
    assertEquals("root:a|deployments.apps|n/w", e.object().ref().toString());
    ViewEvent b =
        ViewEvent.parse(
            "{\"type\":\"BOOKMARK\",\"object\":{\"metadata\":{\"resourceVersion\":\"30\"}}}");
    assertNull(b.object());
    assertEquals("30", b.resourceVersion());
    ViewEvent err =
        ViewEvent.parse(
            "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"code\":410,\"reason\":\"Expired\"}}");
    assertEquals(410, err.errorCode());
  }
}
