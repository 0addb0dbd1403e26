package dev.atrium.hub.bootstrap;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A kube-apiserver style static token file ({@code --token-auth-file}): CSV lines {@code
 * token,user,uid[,"group1,group2"]}. Blank lines and lines starting with {@code #} are ignored,
 * fields are trimmed, lines with an empty token are skipped and for a duplicated token the last
 * line wins (as in kube-apiserver).
 *
 * <p>Lookups go through a SHA-256 digest of the token, so comparison time does not depend on how
 * much of a guessed token matches.
 */
public final class TokenFile {

  public static final String FILE_NAME = "tokens.csv";
  public static final String ADMIN_USER = "admin";
  public static final String ADMIN_GROUP = "system:masters";

  private static final String HEADER = "# token,user,uid,\"group1,group2\"\n";
  private static final int TOKEN_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, TokenUser> byToken;
  private final Map<String, TokenUser> byDigest = new HashMap<>();

  private TokenFile(Map<String, TokenUser> byToken) {
    this.byToken = byToken;
    byToken.forEach((token, user) -> byDigest.put(digest(token), user));
  }

  /** Reads and parses {@code file}; a syntax error names the file and line. */
  public static TokenFile load(Path file) {
    return parse(SecureFiles.read(file), file.toString());
  }

  static TokenFile parse(String content, String source) {
    Map<String, TokenUser> byToken = new LinkedHashMap<>();
    List<String> lines = content.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = stripBom(lines.get(i), i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      parseLine(line, source + ":" + (i + 1), byToken);
    }
    return new TokenFile(byToken);
  }

  /** The user a bearer token authenticates as, if the token is listed. */
  public Optional<TokenUser> lookup(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(byDigest.get(digest(token)));
  }

  public int size() {
    return byToken.size();
  }

  /**
   * Ensures {@code <dataDir>/tokens.csv} holds a token for user {@code admin} (uid {@code admin},
   * group {@code system:masters}) and returns it. Creates the file (mode 0600) with a random
   * 32-byte url-safe token on first start; later starts return the existing admin token, appending
   * a new admin line only if none is present.
   */
  public static String ensureAdmin(Path dataDir) {
    SecureFiles.ensureDirectory(dataDir);
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      String token = newToken();
      SecureFiles.writeSecret(file, HEADER + adminLine(token));
      return token;
    }
    SecureFiles.restrictToOwner(file);
    String content = SecureFiles.read(file);
    Optional<String> existing = parse(content, file.toString()).tokenFor(ADMIN_USER);
    if (existing.isPresent()) {
      return existing.get();
    }
    String token = newToken();
    SecureFiles.writeSecret(file, withFinalNewline(content) + adminLine(token));
    return token;
  }

  /** The first token of user {@code admin}, else of a {@code system:masters} member, if any. */
  public Optional<String> adminToken() {
    return tokenFor(ADMIN_USER)
        .or(
            () ->
                byToken.entrySet().stream()
                    .filter(e -> e.getValue().groups().contains(ADMIN_GROUP))
                    .map(Map.Entry::getKey)
                    .findFirst());
  }

  /** A token for {@code userName}, first in file order, if any. */
  Optional<String> tokenFor(String userName) {
    return byToken.entrySet().stream()
        .filter(e -> e.getValue().name().equals(userName))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** A random 32-byte token, base64url without padding (43 characters, CSV-safe). */
  static String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void parseLine(String line, String where, Map<String, TokenUser> byToken) {
    List<String> fields;
    try {
      fields = CsvLine.split(line);
    } catch (IllegalArgumentException e) {
      throw new BootstrapException(where + ": " + e.getMessage());
    }
    if (fields.size() < 3) {
      throw new BootstrapException(
          where + ": expected at least 3 columns (token, user name, uid), found " + fields.size());
    }
    if (fields.get(0).isEmpty()) {
      return;
    }
    if (fields.get(1).isEmpty()) {
      throw new BootstrapException(where + ": empty user name");
    }
    List<String> groups = fields.size() > 3 ? splitGroups(fields.get(3)) : List.of();
    byToken.put(fields.get(0), new TokenUser(fields.get(1), fields.get(2), groups));
  }

  private static List<String> splitGroups(String column) {
    return Arrays.stream(column.split(","))
        .map(String::strip)
        .filter(Predicate.not(String::isEmpty))
        .toList();
  }

  private static String adminLine(String token) {
    return token + "," + ADMIN_USER + "," + ADMIN_USER + ",\"" + ADMIN_GROUP + "\"\n";
  }

  private static String withFinalNewline(String content) {
    return content.isEmpty() || content.endsWith("\n") ? content : content + "\n";
  }

  private static String stripBom(String line, int index) {
    return index == 0 && line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  private static String digest(String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] hash = sha.digest(token.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
