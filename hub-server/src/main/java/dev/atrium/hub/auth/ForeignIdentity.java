package dev.atrium.hub.auth;

import dev.atrium.hub.request.UserInfo;
import java.util.List;

/**
 * How a caller authenticated in one workspace is named in another, as the ServiceAccount
 * authenticator names them: a ServiceAccount outside its home workspace is {@code
 * system:atrium:workspace:<home>:system:serviceaccount:<ns>:<name>} in {@code system:authenticated}
 * only; users of the token file are the same everywhere.
 */
public final class ForeignIdentity {

  private static final String SERVICE_ACCOUNT = "system:serviceaccount:";
  private static final String FOREIGN = "system:atrium:workspace:";

  private ForeignIdentity() {}

  /** {@code user}, authenticated for workspace {@code from}, as workspace {@code to} sees them. */
  public static UserInfo asSeenIn(UserInfo user, String from, String to) {
    if (from.equals(to)) {
      return user;
    }
    if (user.name().startsWith(SERVICE_ACCOUNT)) {
      return new UserInfo(
          FOREIGN + from + ":" + user.name(), user.uid(), List.of("system:authenticated"));
    }
    if (user.name().startsWith(FOREIGN)) {
      String rest = user.name().substring(FOREIGN.length());
      int sa = rest.indexOf(":" + SERVICE_ACCOUNT);
      if (sa > 0 && rest.substring(0, sa).equals(to)) {
        String name = rest.substring(sa + 1);
        String namespace = name.substring(SERVICE_ACCOUNT.length(), name.lastIndexOf(':'));
        return new UserInfo(
            name,
            user.uid(),
            List.of(
                "system:serviceaccounts",
                "system:serviceaccounts:" + namespace,
                "system:authenticated"));
      }
    }
    return user;
  }
}
