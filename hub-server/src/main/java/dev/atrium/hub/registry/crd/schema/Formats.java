package dev.atrium.hub.registry.crd.schema;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The string formats apiextensions-apiserver checks (validation/formats.go). Unknown formats and
 * number formats (int32, int64, float, double) are accepted without checks, as upstream does.
 */
final class Formats {

  private static final Pattern UUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$");
  private static final Pattern IPV4 =
      Pattern.compile(
          "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
  private static final Pattern HOSTNAME =
      Pattern.compile(
          "^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
  private static final Pattern MAC = Pattern.compile("^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$");
  private static final Pattern HEXCOLOR = Pattern.compile("^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$");
  private static final Pattern RGBCOLOR =
      Pattern.compile("^rgb\\(\\s*\\d{1,3}\\s*,\\s*\\d{1,3}\\s*,\\s*\\d{1,3}\\s*\\)$");
  private static final Pattern DURATION =
      Pattern.compile("^[-+]?(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h|d|w))+$|^0$");
  private static final Pattern BSON = Pattern.compile("^[0-9a-fA-F]{24}$");

  private static final Map<String, Predicate<String>> CHECKS =
      Map.ofEntries(
          Map.entry("byte", Formats::base64),
          Map.entry("date", Formats::date),
          Map.entry("date-time", Formats::dateTime),
          Map.entry("datetime", Formats::dateTime),
          Map.entry("duration", s -> DURATION.matcher(s).matches()),
          Map.entry("uuid", s -> UUID.matcher(s).matches()),
          Map.entry("uuid3", s -> uuidVersion(s, '3')),
          Map.entry("uuid4", s -> uuidVersion(s, '4')),
          Map.entry("uuid5", s -> uuidVersion(s, '5')),
          Map.entry("ipv4", s -> IPV4.matcher(s).matches()),
          Map.entry("ipv6", Formats::ipv6),
          Map.entry("cidr", Formats::cidr),
          Map.entry("mac", s -> MAC.matcher(s).matches()),
          Map.entry("hostname", s -> s.length() <= 253 && HOSTNAME.matcher(s).matches()),
          Map.entry("email", s -> EMAIL.matcher(s).matches()),
          Map.entry("uri", Formats::uri),
          Map.entry("hexcolor", s -> HEXCOLOR.matcher(s).matches()),
          Map.entry("rgbcolor", s -> RGBCOLOR.matcher(s).matches()),
          Map.entry("bsonobjectid", s -> BSON.matcher(s).matches()));

  private Formats() {}

  static boolean valid(String format, String value) {
    Predicate<String> check = CHECKS.get(format);
    return check == null || check.test(value);
  }

  private static boolean base64(String s) {
    try {
      Base64.getDecoder().decode(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean date(String s) {
    try {
      LocalDate.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean dateTime(String s) {
    try {
      OffsetDateTime.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean uuidVersion(String s, char version) {
    String hex = s.replace("-", "");
    return UUID.matcher(s).matches() && hex.length() == 32 && hex.charAt(12) == version;
  }

  private static boolean ipv6(String s) {
    return s.contains(":") && s.matches("^[0-9a-fA-F:.]+$") && parsesAsInet(s);
  }

  private static boolean parsesAsInet(String s) {
    try {
      java.net.InetAddress.getByName(s);
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static boolean cidr(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String ip = s.substring(0, slash);
    String bits = s.substring(slash + 1);
    if (!bits.matches("\\d{1,3}")) {
      return false;
    }
    int n = Integer.parseInt(bits);
    return IPV4.matcher(ip).matches() ? n <= 32 : ipv6(ip) && n <= 128;
  }

  private static boolean uri(String s) {
    try {
      return new URI(s).isAbsolute();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
