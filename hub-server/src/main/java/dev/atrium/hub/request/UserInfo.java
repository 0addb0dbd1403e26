package dev.atrium.hub.request;

import java.util.List;

/** An authenticated caller. */
public record UserInfo(String name, String uid, List<String> groups) {

  public static final String MASTERS = "system:masters";

  public boolean privileged() {
    return groups.contains(MASTERS);
  }
}
