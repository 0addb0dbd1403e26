package dev.atrium.hub.registry.crd.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ({@code 100m}, {@code 1.5Gi}, {@code 2e3}) as the CEL {@code
 * quantity()} function returns it: an exact decimal value. Equal when the values are equal.
 */
final class KubeQuantity implements Comparable<KubeQuantity> {

  private static final Pattern SYNTAX =
      Pattern.compile(
          "^([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))([eE][+-]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$");
  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("Ki", BigDecimal.valueOf(2).pow(10)),
          Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
          Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
          Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
          Map.entry("Pi", BigDecimal.valueOf(2).pow(50)),
          Map.entry("Ei", BigDecimal.valueOf(2).pow(60)),
          Map.entry("n", BigDecimal.ONE.scaleByPowerOfTen(-9)),
          Map.entry("u", BigDecimal.ONE.scaleByPowerOfTen(-6)),
          Map.entry("m", BigDecimal.ONE.scaleByPowerOfTen(-3)),
          Map.entry("k", BigDecimal.ONE.scaleByPowerOfTen(3)),
          Map.entry("M", BigDecimal.ONE.scaleByPowerOfTen(6)),
          Map.entry("G", BigDecimal.ONE.scaleByPowerOfTen(9)),
          Map.entry("T", BigDecimal.ONE.scaleByPowerOfTen(12)),
          Map.entry("P", BigDecimal.ONE.scaleByPowerOfTen(15)),
          Map.entry("E", BigDecimal.ONE.scaleByPowerOfTen(18)));
  private static final BigInteger MIN_LONG = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

  private final BigDecimal value;

  KubeQuantity(BigDecimal value) {
    this.value = value;
  }

  /** The quantity, or null when {@code text} is not one. */
  static KubeQuantity parse(String text) {
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      return null;
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String suffix = m.group(2);
    if (suffix == null) {
      return new KubeQuantity(number);
    }
    if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
      int exponent;
      try {
        exponent = Integer.parseInt(suffix.substring(1));
      } catch (NumberFormatException e) {
        return null;
      }
      if (Math.abs(exponent) > 1000) {
        return null;
      }
      return new KubeQuantity(number.scaleByPowerOfTen(exponent));
    }
    return new KubeQuantity(number.multiply(SUFFIXES.get(suffix)));
  }

  BigDecimal value() {
    return value;
  }

  /** Integral and within int64. */
  boolean isInteger() {
    if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
      return false;
    }
    BigInteger i = value.toBigInteger();
    return i.compareTo(MIN_LONG) >= 0 && i.compareTo(MAX_LONG) <= 0;
  }

  /** The int64 value; null when not {@link #isInteger()}. */
  Long asInteger() {
    return isInteger() ? value.toBigInteger().longValue() : null;
  }

  double asApproximateFloat() {
    return value.doubleValue();
  }

  long sign() {
    return value.signum();
  }

  KubeQuantity add(BigDecimal other) {
    return new KubeQuantity(value.add(other));
  }

  @Override
  public int compareTo(KubeQuantity o) {
    return value.compareTo(o.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KubeQuantity q && value.compareTo(q.value) == 0;
  }

  @Override
  public int hashCode() {
    return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
  }

  @Override
  public String toString() {
    return value.toPlainString();
  }
}
