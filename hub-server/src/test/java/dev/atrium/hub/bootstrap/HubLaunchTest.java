package dev.atrium.hub.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HubLaunchTest {

  @Test
  void aSingleHostUrlIsKept() {
    String url = "postgresql://db:5432/atrium";
    assertEquals(url, HubLaunch.reactiveUrls(url));
    assertEquals("jdbc:" + url, HubLaunch.jdbcUrl(url));
  }

  @Test
  void aMultiHostUrlBecomesAListForTheReactiveClientAndAPrimaryTargetForJdbc() {
    String url = "postgresql://u:p@db1:5432,db2:5433/atrium?sslmode=require";
    assertEquals(
        "postgresql://u:p@db1:5432/atrium?sslmode=require,"
            + "postgresql://u:p@db2:5433/atrium?sslmode=require",
        HubLaunch.reactiveUrls(url));
    assertEquals(
        "jdbc:postgresql://db1:5432,db2:5433/atrium?sslmode=require&targetServerType=primary",
        HubLaunch.jdbcUrl(url));
    assertEquals(
        "jdbc:postgresql://a:1,b:2/x?targetServerType=primary",
        HubLaunch.jdbcUrl("postgresql://a:1,b:2/x"));
  }
}
