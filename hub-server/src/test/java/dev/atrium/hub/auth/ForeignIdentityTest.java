package dev.atrium.hub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atrium.hub.request.UserInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForeignIdentityTest {

  private static final UserInfo SA =
      new UserInfo(
          "system:serviceaccount:default:dev",
          "u1",
          List.of(
              "system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"));

  @Test
  void aServiceAccountElsewhereIsNamedAfterItsHome() {
    UserInfo seen = ForeignIdentity.asSeenIn(SA, "root:a", "root:p");
    assertEquals("system:atrium:workspace:root:a:system:serviceaccount:default:dev", seen.name());
    assertEquals(List.of("system:authenticated"), seen.groups());
  }

  @Test
  void atHomeItIsItself() {
    assertEquals(SA, ForeignIdentity.asSeenIn(SA, "root:a", "root:a"));
    UserInfo abroad = ForeignIdentity.asSeenIn(SA, "root:a", "root:p");
    UserInfo back = ForeignIdentity.asSeenIn(abroad, "root:p", "root:a");
    assertEquals(SA.name(), back.name());
    assertEquals(SA.groups(), back.groups());
  }

  @Test
  void aForeignNameStaysForeignInAThirdWorkspace() {
    UserInfo abroad = ForeignIdentity.asSeenIn(SA, "root:a", "root:p");
    assertEquals(abroad, ForeignIdentity.asSeenIn(abroad, "root:p", "root:q"));
  }

  @Test
  void tokenFileUsersAreTheSameEverywhere() {
    UserInfo admin = new UserInfo("admin", "1", List.of("system:masters", "system:authenticated"));
    assertEquals(admin, ForeignIdentity.asSeenIn(admin, "root:a", "root:p"));
  }
}
