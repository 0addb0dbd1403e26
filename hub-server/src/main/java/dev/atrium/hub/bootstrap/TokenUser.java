package dev.atrium.hub.bootstrap;

import java.util.List;
import java.util.Objects;

/** The identity a static bearer token authenticates as. */
public record TokenUser(String name, String uid, List<String> groups) {

  public TokenUser {
    Objects.requireNonNull(name, "name");
    uid = uid == null ? "" : uid;
    groups = groups == null ? List.of() : List.copyOf(groups);
  }
}
