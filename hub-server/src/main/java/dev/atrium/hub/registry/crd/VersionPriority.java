package dev.atrium.hub.registry.crd;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes version priority: GA before beta before alpha, higher numbers first, then versions
 * that do not look like Kubernetes versions in alphabetical order (v1 &gt; v1beta2 &gt; v1alpha1
 * &gt; foo).
 */
final class VersionPriority {

  static final Comparator<String> ORDER = VersionPriority::compare;

  private static final Pattern KUBE = Pattern.compile("^v(\\d+)(?:(alpha|beta)(\\d+))?$");

  private VersionPriority() {}

  static int compare(String a, String b) {
    Matcher ma = KUBE.matcher(a);
    Matcher mb = KUBE.matcher(b);
    boolean ka = ma.matches();
    boolean kb = mb.matches();
    if (!ka || !kb) {
      return ka == kb ? a.compareTo(b) : (ka ? -1 : 1);
    }
    int stage = Integer.compare(stage(mb.group(2)), stage(ma.group(2)));
    if (stage != 0) {
      return stage;
    }
    int major = Long.compare(Long.parseLong(mb.group(1)), Long.parseLong(ma.group(1)));
    if (major != 0) {
      return major;
    }
    return Long.compare(number(mb.group(3)), number(ma.group(3)));
  }

  private static int stage(String s) {
    if (s == null) {
      return 2;
    }
    return s.equals("beta") ? 1 : 0;
  }

  private static long number(String s) {
    return s == null ? 0 : Long.parseLong(s);
  }
}
