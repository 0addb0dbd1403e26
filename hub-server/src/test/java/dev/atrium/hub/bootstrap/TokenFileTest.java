package dev.atrium.hub.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

  @TempDir Path tmp;

  private static TokenFile parse(String content) {
    return TokenFile.parse(content, "tokens.csv");
  }

  private static TokenUser user(TokenFile file, String token) {
    return file.lookup(token).orElseThrow(() -> new AssertionError("no user for " + token));
  }

  @Test
  void parsesQuotedGroups() {
    TokenFile f = parse("t1,alice,u-1,\"dev,ops\"\n");
    assertEquals(new TokenUser("alice", "u-1", List.of("dev", "ops")), user(f, "t1"));
  }

  @Test
  void groupsColumnIsOptional() {
    TokenFile f = parse("t1,alice,u-1\nt2,bob,u-2,\nt3,carol,u-3,single");
    assertEquals(List.of(), user(f, "t1").groups());
    assertEquals(List.of(), user(f, "t2").groups());
    assertEquals(List.of("single"), user(f, "t3").groups());
  }

  @Test
  void ignoresCommentsBlankLinesAndWhitespace() {
    String csv =
        "\uFEFF# header comment\r\n"
            + "\r\n"
            + "   \n"
            + "  # indented comment\n"
            + " t1 , alice , u-1 , \" dev , ops ,\" \r\n";
    TokenFile f = parse(csv);
    assertEquals(1, f.size());
    assertEquals(new TokenUser("alice", "u-1", List.of("dev", "ops")), user(f, "t1"));
  }

  @Test
  void quotedFieldsMayContainEscapedQuotesAndCommas() {
    TokenFile f = parse("\"t,1\",\"bob \"\"the\"\" admin\",\"\",\"g1\"");
    assertEquals(new TokenUser("bob \"the\" admin", "", List.of("g1")), user(f, "t,1"));
  }

  @Test
  void lastDuplicateWinsAndEmptyTokenIsSkipped() {
    TokenFile f = parse("t1,alice,u1\nt1,bob,u2\n,carol,u3\n");
    assertEquals("bob", user(f, "t1").name());
    assertEquals(1, f.size());
  }

  @Test
  void lookupOfUnknownNullOrEmptyTokenIsEmpty() {
    TokenFile f = parse("t1,alice,u1\n");
    assertEquals(Optional.empty(), f.lookup("t2"));
    assertEquals(Optional.empty(), f.lookup("T1"));
    assertEquals(Optional.empty(), f.lookup(""));
    assertEquals(Optional.empty(), f.lookup(null));
  }

  @Test
  void tooFewColumnsReportsLine() {
    BootstrapException e =
        assertThrows(BootstrapException.class, () -> parse("# c\nt1,alice,u1\nt2,bob\n"));
    assertTrue(e.getMessage().startsWith("tokens.csv:3:"), e.getMessage());
  }

  @Test
  void malformedQuotingIsRejected() {
    assertThrows(BootstrapException.class, () -> parse("t1,alice,u1,\"dev,ops\n"));
    assertThrows(BootstrapException.class, () -> parse("t1,alice,u1,\"dev\"x\n"));
    assertThrows(BootstrapException.class, () -> parse("t1,al\"ice,u1\n"));
  }

  @Test
  void loadReadsFile() throws Exception {
    Path file = tmp.resolve("t.csv");
    Files.writeString(file, "t1,alice,u1,\"a,b\"\n");
    assertEquals(List.of("a", "b"), user(TokenFile.load(file), "t1").groups());
  }

  @Test
  void ensureAdminCreatesOwnerOnlyFileWithRandomToken() throws Exception {
    Path dataDir = tmp.resolve(".atrium");
    String token = TokenFile.ensureAdmin(dataDir);
    Path file = dataDir.resolve(TokenFile.FILE_NAME);

    assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(
        new TokenUser("admin", "admin", List.of("system:masters")),
        user(TokenFile.load(file), token));
    assertNotEquals(token, TokenFile.ensureAdmin(tmp.resolve("other")));
  }

  @Test
  void ensureAdminIsIdempotent() throws Exception {
    Path dataDir = tmp.resolve(".atrium");
    String token = TokenFile.ensureAdmin(dataDir);
    String content = Files.readString(dataDir.resolve(TokenFile.FILE_NAME));
    assertEquals(token, TokenFile.ensureAdmin(dataDir));
    assertEquals(content, Files.readString(dataDir.resolve(TokenFile.FILE_NAME)));
  }

  @Test
  void ensureAdminKeepsOtherUsersAndAppendsAdminWhenMissing() throws Exception {
    Path file = tmp.resolve(TokenFile.FILE_NAME);
    Files.writeString(file, "# mine\nt1,alice,u1,\"dev\"");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    String token = TokenFile.ensureAdmin(tmp);
    TokenFile f = TokenFile.load(file);
    assertEquals("alice", user(f, "t1").name());
    assertEquals("admin", user(f, token).name());
    assertTrue(Files.readString(file).startsWith("# mine\nt1,alice,u1,\"dev\"\n"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void ensureAdminReturnsHandWrittenAdminToken() throws Exception {
    Files.writeString(tmp.resolve(TokenFile.FILE_NAME), "my-admin-token,admin,admin\n");
    assertEquals("my-admin-token", TokenFile.ensureAdmin(tmp));
  }
}
