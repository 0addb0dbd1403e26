package dev.atrium.hub.auth;

import dev.atrium.hub.api.ApiException;
import dev.atrium.hub.bootstrap.TokenFile;
import dev.atrium.hub.bootstrap.TokenUser;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Bearer-token authentication against the static token file (kube-apiserver CSV format). */
@ApplicationScoped
public class Authenticator {

  @ConfigProperty(name = "atrium.token-file")
  Optional<String> tokenFilePath;

  private TokenFile tokens;

  @PostConstruct
  void load() {
    tokens = tokenFilePath.map(p -> TokenFile.load(Path.of(p))).orElse(null);
  }

  /** The caller of a request with this Authorization header; 401 when missing or unknown. */
  public UserInfo authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw unauthorized();
    }
    String token = authorization.substring(7).trim();
    if (tokens == null) {
      throw unauthorized();
    }
    return tokens.lookup(token).map(Authenticator::toUser).orElseThrow(Authenticator::unauthorized);
  }

  private static UserInfo toUser(TokenUser user) {
    List<String> groups = new ArrayList<>(user.groups());
    if (!groups.contains("system:authenticated")) {
      groups.add("system:authenticated");
    }
    return new UserInfo(user.name(), user.uid(), List.copyOf(groups));
  }

  private static ApiException unauthorized() {
    return new ApiException(401, "Unauthorized", "Unauthorized", null);
  }
}
