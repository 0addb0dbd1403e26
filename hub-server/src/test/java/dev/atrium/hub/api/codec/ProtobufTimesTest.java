package dev.atrium.hub.api.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProtobufTimesTest {

  @Test
  void timeHasWholeSecondsInUtc() {
    assertEquals("2024-01-02T03:04:05Z", ProtobufTimes.time(1704164645L));
    assertEquals("1970-01-01T00:00:00Z", ProtobufTimes.time(0));
  }

  @Test
  void microTimeHasSixDigits() {
    assertEquals("2024-01-02T03:04:05.123456Z", ProtobufTimes.microTime(1704164645L, 123_456_999));
    assertEquals("2024-01-02T03:04:05.000000Z", ProtobufTimes.microTime(1704164645L, 0));
  }

  @Test
  void durationLikeGo() {
    assertEquals("0s", ProtobufTimes.duration(0));
    assertEquals("500ns", ProtobufTimes.duration(500));
    assertEquals("1.5µs", ProtobufTimes.duration(1_500));
    assertEquals("1.5ms", ProtobufTimes.duration(1_500_000));
    assertEquals("3.5s", ProtobufTimes.duration(3_500_000_000L));
    assertEquals("1m0s", ProtobufTimes.duration(60_000_000_000L));
    assertEquals("1h0m0s", ProtobufTimes.duration(3_600_000_000_000L));
    assertEquals("1h2m3.004s", ProtobufTimes.duration(3_723_004_000_000L));
    assertEquals("-2s", ProtobufTimes.duration(-2_000_000_000L));
  }

  @Test
  void groupVersions() {
    assertEquals("v1", ProtobufGroupVersions.apiVersion("k8s.io.api.core.v1"));
    assertEquals("apps/v1", ProtobufGroupVersions.apiVersion("k8s.io.api.apps.v1"));
    assertEquals(
        "rbac.authorization.k8s.io/v1", ProtobufGroupVersions.apiVersion("k8s.io.api.rbac.v1"));
    assertEquals(
        "apiextensions.k8s.io/v1beta1",
        ProtobufGroupVersions.apiVersion(
            "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1"));
    assertEquals(
        "meta.k8s.io/v1", ProtobufGroupVersions.apiVersion("k8s.io.apimachinery.pkg.apis.meta.v1"));
    assertEquals(null, ProtobufGroupVersions.apiVersion("k8s.io.apimachinery.pkg.util.intstr"));
  }
}
