package dev.atrium.hub.bootstrap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.util.IPAddress;

/**
 * The subject alternative names of the serving certificate: always {@code localhost}, {@code
 * 127.0.0.1} and {@code ::1}, plus configured extras. Entries that are IP literals (optionally in
 * brackets) become IP SANs, everything else DNS SANs.
 */
final class SubjectAltNames {

  static final List<String> DEFAULTS = List.of("localhost", "127.0.0.1", "::1");

  private static final int DNS = GeneralName.dNSName;
  private static final int IP = GeneralName.iPAddress;
  private static final Pattern DNS_NAME =
      Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

  private final Set<String> dnsNames = new LinkedHashSet<>();
  private final Set<String> ipAddresses = new LinkedHashSet<>();

  private SubjectAltNames() {}

  static SubjectAltNames of(Collection<String> extras) {
    SubjectAltNames sans = new SubjectAltNames();
    DEFAULTS.forEach(sans::add);
    if (extras != null) {
      extras.forEach(sans::add);
    }
    return sans;
  }

  Set<String> dnsNames() {
    return Set.copyOf(dnsNames);
  }

  Set<String> ipAddresses() {
    return Set.copyOf(ipAddresses);
  }

  GeneralNames toGeneralNames() {
    List<GeneralName> names = new ArrayList<>();
    dnsNames.forEach(n -> names.add(new GeneralName(DNS, n)));
    ipAddresses.forEach(ip -> names.add(new GeneralName(IP, ip)));
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  /** True when every name here is present in the certificate's SAN extension. */
  boolean coveredBy(X509Certificate cert) {
    Set<String> certDns = new LinkedHashSet<>();
    Set<String> certIps = new LinkedHashSet<>();
    for (List<?> entry : sansOf(cert)) {
      int type = (Integer) entry.get(0);
      String value = String.valueOf(entry.get(1));
      if (type == DNS) {
        certDns.add(value.toLowerCase(Locale.ROOT));
      } else if (type == IP) {
        certIps.add(normalizeIp(value));
      }
    }
    return certDns.containsAll(dnsNames) && certIps.containsAll(ipAddresses);
  }

  private void add(String raw) {
    String name = raw == null ? "" : raw.trim();
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    if (name.isEmpty()) {
      return;
    }
    if (IPAddress.isValid(name)) {
      ipAddresses.add(normalizeIp(name));
    } else {
      dnsNames.add(validDnsName(name));
    }
  }

  private static String validDnsName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".")) {
      lower = lower.substring(0, lower.length() - 1);
    }
    if (!DNS_NAME.matcher(lower).matches()) {
      throw new BootstrapException("invalid subject alternative name '" + name + "'");
    }
    return lower;
  }

  /** Canonical text form of an IP literal; never performs a DNS lookup for a valid literal. */
  private static String normalizeIp(String literal) {
    try {
      return InetAddress.getByName(literal).getHostAddress();
    } catch (UnknownHostException e) {
      throw new BootstrapException("invalid IP address '" + literal + "'", e);
    }
  }

  private static Collection<List<?>> sansOf(X509Certificate cert) {
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      return sans == null ? List.of() : sans;
    } catch (CertificateParsingException e) {
      throw new BootstrapException("cannot read SANs of certificate", e);
    }
  }
}
