package dev.atrium.hub.auth.tokens;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The hub's ServiceAccount token signer: key from {@code atrium.data-dir} (created on first start),
 * issuer from {@code atrium.service-account.issuer}. Tokens are valid for the API when one of their
 * audiences is the issuer (the API audience), as kube-apiserver's default.
 */
@ApplicationScoped
public class ServiceAccountTokens {

  public static final long DEFAULT_EXPIRATION_SECONDS = 3600;
  public static final long MIN_EXPIRATION_SECONDS = 600;
  public static final long MAX_EXPIRATION_SECONDS = 365L * 24 * 3600;

  @ConfigProperty(name = "atrium.data-dir")
  Optional<String> dataDir;

  @ConfigProperty(name = "atrium.service-account.issuer", defaultValue = "https://atrium.hub")
  String issuer;

  private volatile TokenSigner signer;

  void start(@Observes StartupEvent event) {
    signer();
  }

  /** The signer; loads (or creates) the key on first use, which happens at startup. */
  public TokenSigner signer() {
    TokenSigner s = signer;
    if (s == null) {
      synchronized (this) {
        if (signer == null) {
          signer = new TokenSigner(loadKey(), issuer);
        }
        s = signer;
      }
    }
    return s;
  }

  public List<String> apiAudiences() {
    return List.of(issuer);
  }

  private SigningKey loadKey() {
    if (dataDir.isEmpty()) {
      return SigningKey.generate();
    }
    Path dir = Path.of(dataDir.get());
    if (!Files.isDirectory(dir)) {
      return SigningKey.generate();
    }
    return SigningKey.loadOrCreate(dir);
  }
}
