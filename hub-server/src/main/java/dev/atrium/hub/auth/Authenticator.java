package dev.atrium.hub.auth;

import dev.atrium.hub.auth.tokens.Jwt;
import dev.atrium.hub.auth.tokens.ServiceAccountAuthenticator;
import dev.atrium.hub.bootstrap.TokenFile;
import dev.atrium.hub.bootstrap.TokenUser;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.request.UserInfo;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bearer-token authentication: the static token file (kube-apiserver CSV format), then
 * ServiceAccount JWTs bound to the request's workspace.
 */
@ApplicationScoped
public class Authenticator {

  @ConfigProperty(name = "atrium.token-file")
  Optional<String> tokenFilePath;

  @Inject ServiceAccountAuthenticator serviceAccounts;

  private TokenFile tokens;

  @PostConstruct
  void load() {
    tokens = tokenFilePath.map(p -> TokenFile.load(Path.of(p))).orElse(null);
  }

  /**
   * The caller of a request to {@code cluster} with this Authorization header; fails with 401 when
   * missing or unknown.
   */
  public Uni<UserInfo> authenticate(String authorization, String cluster) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Uni.createFrom().failure(unauthorized());
    }
    return authenticateToken(authorization.substring(7).trim(), cluster);
  }

  /** A bare token presented to {@code cluster} (also what TokenReview asks). */
  public Uni<UserInfo> authenticateToken(String token, String cluster) {
    Optional<UserInfo> user = staticUser(token);
    if (user.isPresent()) {
      return Uni.createFrom().item(user.get());
    }
    if (Jwt.looksLikeJwt(token)) {
      return serviceAccounts.authenticate(token, cluster);
    }
    return Uni.createFrom().failure(unauthorized());
  }

  /** The caller by static token only; 401 when missing or unknown. */
  public UserInfo authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw unauthorized();
    }
    return staticUser(authorization.substring(7).trim()).orElseThrow(Authenticator::unauthorized);
  }

  private Optional<UserInfo> staticUser(String token) {
    if (tokens == null) {
      return Optional.empty();
    }
    return tokens.lookup(token).map(Authenticator::toUser);
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
