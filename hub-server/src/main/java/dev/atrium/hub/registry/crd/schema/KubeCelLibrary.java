package dev.atrium.hub.registry.crd.schema;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kubernetes CEL library functions (k8s.io/apiserver/pkg/cel/library) that CRD validation rules
 * commonly use: lists, regex, URLs and quantities. The string extension functions ({@code
 * lowerAscii}, {@code split}, ...) come from CEL's own strings extension.
 */
final class KubeCelLibrary {

  static final OpaqueType URL = OpaqueType.create("kubernetes.URL");
  static final OpaqueType QUANTITY = OpaqueType.create("kubernetes.Quantity");

  private static final CelType T = TypeParamType.create("T");
  private static final CelType LIST_T = ListType.create(T);
  private static final CelType STRING = SimpleType.STRING;
  private static final CelType INT = SimpleType.INT;
  private static final CelType BOOL = SimpleType.BOOL;
  private static final CelType DOUBLE = SimpleType.DOUBLE;
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private KubeCelLibrary() {}

  static List<CelFunctionDecl> declarations() {
    return List.of(
        newFunctionDeclaration("indexOf", newMemberOverload("list_a_index_of_int", INT, LIST_T, T)),
        newFunctionDeclaration(
            "lastIndexOf", newMemberOverload("list_a_last_index_of_int", INT, LIST_T, T)),
        newFunctionDeclaration("isSorted", newMemberOverload("list_is_sorted", BOOL, LIST_T)),
        newFunctionDeclaration("sum", newMemberOverload("list_sum", T, LIST_T)),
        newFunctionDeclaration("min", newMemberOverload("list_min", T, LIST_T)),
        newFunctionDeclaration("max", newMemberOverload("list_max", T, LIST_T)),
        newFunctionDeclaration(
            "find", newMemberOverload("string_find_string", STRING, STRING, STRING)),
        newFunctionDeclaration(
            "findAll",
            newMemberOverload("string_find_all_string", ListType.create(STRING), STRING, STRING),
            newMemberOverload(
                "string_find_all_string_int", ListType.create(STRING), STRING, STRING, INT)),
        newFunctionDeclaration("url", newGlobalOverload("string_to_url", URL, STRING)),
        newFunctionDeclaration("isURL", newGlobalOverload("is_url_string", BOOL, STRING)),
        newFunctionDeclaration("getScheme", newMemberOverload("url_get_scheme", STRING, URL)),
        newFunctionDeclaration("getHost", newMemberOverload("url_get_host", STRING, URL)),
        newFunctionDeclaration("getHostname", newMemberOverload("url_get_hostname", STRING, URL)),
        newFunctionDeclaration("getPort", newMemberOverload("url_get_port", STRING, URL)),
        newFunctionDeclaration(
            "getEscapedPath", newMemberOverload("url_get_escaped_path", STRING, URL)),
        newFunctionDeclaration(
            "getQuery",
            newMemberOverload(
                "url_get_query", MapType.create(STRING, ListType.create(STRING)), URL)),
        newFunctionDeclaration(
            "quantity", newGlobalOverload("string_to_quantity", QUANTITY, STRING)),
        newFunctionDeclaration("isQuantity", newGlobalOverload("is_quantity_string", BOOL, STRING)),
        newFunctionDeclaration(
            "isInteger", newMemberOverload("quantity_is_integer", BOOL, QUANTITY)),
        newFunctionDeclaration(
            "asInteger", newMemberOverload("quantity_get_integer", INT, QUANTITY)),
        newFunctionDeclaration(
            "asApproximateFloat", newMemberOverload("quantity_get_float", DOUBLE, QUANTITY)),
        newFunctionDeclaration("sign", newMemberOverload("quantity_get_sign", INT, QUANTITY)),
        newFunctionDeclaration(
            "add",
            newMemberOverload("quantity_add", QUANTITY, QUANTITY, QUANTITY),
            newMemberOverload("quantity_add_int", QUANTITY, QUANTITY, INT)),
        newFunctionDeclaration(
            "sub",
            newMemberOverload("quantity_sub", QUANTITY, QUANTITY, QUANTITY),
            newMemberOverload("quantity_sub_int", QUANTITY, QUANTITY, INT)),
        newFunctionDeclaration(
            "compareTo", newMemberOverload("quantity_compare_to", INT, QUANTITY, QUANTITY)),
        newFunctionDeclaration(
            "isGreaterThan",
            newMemberOverload("quantity_is_greater_than", BOOL, QUANTITY, QUANTITY)),
        newFunctionDeclaration(
            "isLessThan", newMemberOverload("quantity_is_less_than", BOOL, QUANTITY, QUANTITY)));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  static List<CelFunctionBinding> bindings() {
    List<CelFunctionBinding> b = new ArrayList<>();
    b.add(CelFunctionBinding.from("list_is_sorted", List.class, l -> isSorted(l)));
    b.add(CelFunctionBinding.from("list_sum", List.class, l -> sum(l)));
    b.add(CelFunctionBinding.from("list_min", List.class, l -> extreme(l, -1, "min")));
    b.add(CelFunctionBinding.from("list_max", List.class, l -> extreme(l, 1, "max")));
    b.add(
        CelFunctionBinding.from(
            "list_a_index_of_int", List.class, Object.class, (l, v) -> indexOf(l, v, false)));
    b.add(
        CelFunctionBinding.from(
            "list_a_last_index_of_int", List.class, Object.class, (l, v) -> indexOf(l, v, true)));
    b.add(
        CelFunctionBinding.from(
            "string_find_string",
            String.class,
            String.class,
            (s, re) -> {
              Matcher m = pattern(re).matcher(s);
              return m.find() ? m.group() : "";
            }));
    b.add(
        CelFunctionBinding.from(
            "string_find_all_string", String.class, String.class, (s, re) -> findAll(s, re, -1)));
    b.add(
        CelFunctionBinding.from(
            "string_find_all_string_int",
            List.of(String.class, String.class, Long.class),
            args -> findAll((String) args[0], (String) args[1], (Long) args[2])));
    b.add(CelFunctionBinding.from("string_to_url", String.class, KubeCelLibrary::url));
    b.add(CelFunctionBinding.from("is_url_string", String.class, s -> KubeUrl.parse(s) != null));
    b.add(CelFunctionBinding.from("url_get_scheme", KubeUrl.class, KubeUrl::scheme));
    b.add(CelFunctionBinding.from("url_get_host", KubeUrl.class, KubeUrl::host));
    b.add(CelFunctionBinding.from("url_get_hostname", KubeUrl.class, KubeUrl::hostname));
    b.add(CelFunctionBinding.from("url_get_port", KubeUrl.class, KubeUrl::port));
    b.add(CelFunctionBinding.from("url_get_escaped_path", KubeUrl.class, KubeUrl::path));
    b.add(CelFunctionBinding.from("url_get_query", KubeUrl.class, KubeUrl::query));
    b.add(CelFunctionBinding.from("string_to_quantity", String.class, KubeCelLibrary::quantity));
    b.add(
        CelFunctionBinding.from(
            "is_quantity_string", String.class, s -> KubeQuantity.parse(s) != null));
    b.add(
        CelFunctionBinding.from(
            "quantity_is_integer", KubeQuantity.class, KubeQuantity::isInteger));
    b.add(
        CelFunctionBinding.from(
            "quantity_get_integer",
            KubeQuantity.class,
            q -> {
              Long v = q.asInteger();
              if (v == null) {
                throw new CelEvaluationException(
                    "cannot convert value to integer: " + q + " is not an int64 value");
              }
              return v;
            }));
    b.add(
        CelFunctionBinding.from(
            "quantity_get_float", KubeQuantity.class, KubeQuantity::asApproximateFloat));
    b.add(CelFunctionBinding.from("quantity_get_sign", KubeQuantity.class, KubeQuantity::sign));
    b.add(
        CelFunctionBinding.from(
            "quantity_add", KubeQuantity.class, KubeQuantity.class, (a, c) -> a.add(c.value())));
    b.add(
        CelFunctionBinding.from(
            "quantity_add_int",
            KubeQuantity.class,
            Long.class,
            (a, c) -> a.add(BigDecimal.valueOf(c))));
    b.add(
        CelFunctionBinding.from(
            "quantity_sub",
            KubeQuantity.class,
            KubeQuantity.class,
            (a, c) -> a.add(c.value().negate())));
    b.add(
        CelFunctionBinding.from(
            "quantity_sub_int",
            KubeQuantity.class,
            Long.class,
            (a, c) -> a.add(BigDecimal.valueOf(-c))));
    b.add(
        CelFunctionBinding.from(
            "quantity_compare_to",
            KubeQuantity.class,
            KubeQuantity.class,
            (a, c) -> (long) Integer.signum(a.compareTo(c))));
    b.add(
        CelFunctionBinding.from(
            "quantity_is_greater_than",
            KubeQuantity.class,
            KubeQuantity.class,
            (a, c) -> a.compareTo(c) > 0));
    b.add(
        CelFunctionBinding.from(
            "quantity_is_less_than",
            KubeQuantity.class,
            KubeQuantity.class,
            (a, c) -> a.compareTo(c) < 0));
    return b;
  }

  private static Object url(String s) throws CelEvaluationException {
    KubeUrl u = KubeUrl.parse(s);
    if (u == null) {
      throw new CelEvaluationException("URL parse error during conversion from string: " + s);
    }
    return u;
  }

  private static Object quantity(String s) throws CelEvaluationException {
    KubeQuantity q = KubeQuantity.parse(s);
    if (q == null) {
      throw new CelEvaluationException("quantities must match the regular expression: " + s);
    }
    return q;
  }

  private static Pattern pattern(String re) throws CelEvaluationException {
    try {
      return PATTERNS.computeIfAbsent(re, Pattern::compile);
    } catch (PatternSyntaxException e) {
      throw new CelEvaluationException("invalid regular expression: " + e.getMessage());
    }
  }

  private static Object findAll(String s, String re, long limit) throws CelEvaluationException {
    List<String> out = new ArrayList<>();
    if (limit == 0) {
      return out;
    }
    Matcher m = pattern(re).matcher(s);
    while (m.find() && (limit < 0 || out.size() < limit)) {
      out.add(m.group());
    }
    return out;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static int compare(Object a, Object b) throws CelEvaluationException {
    if (a instanceof Number x && b instanceof Number y) {
      if ((x instanceof Long || x instanceof Integer)
          && (y instanceof Long || y instanceof Integer)) {
        return Long.compare(x.longValue(), y.longValue());
      }
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
      return ca.compareTo(b);
    }
    throw new CelEvaluationException(
        "no such overload: cannot compare " + typeName(a) + " and " + typeName(b));
  }

  private static String typeName(Object o) {
    return o == null ? "null" : o.getClass().getSimpleName();
  }

  private static Object isSorted(List<?> l) throws CelEvaluationException {
    for (int i = 1; i < l.size(); i++) {
      if (compare(l.get(i - 1), l.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  private static Object sum(List<?> l) throws CelEvaluationException {
    if (l.isEmpty()) {
      return 0L;
    }
    Object first = l.get(0);
    if (first instanceof Long) {
      long total = 0;
      for (Object o : l) {
        if (!(o instanceof Long v)) {
          throw new CelEvaluationException("no such overload: sum of mixed types");
        }
        try {
          total = Math.addExact(total, v);
        } catch (ArithmeticException e) {
          throw new CelEvaluationException("integer overflow");
        }
      }
      return total;
    }
    if (first instanceof Number) {
      double total = 0;
      for (Object o : l) {
        if (!(o instanceof Number v)) {
          throw new CelEvaluationException("no such overload: sum of mixed types");
        }
        total += v.doubleValue();
      }
      return total;
    }
    throw new CelEvaluationException("no such overload: sum of " + typeName(first));
  }

  private static Object extreme(List<?> l, int sign, String name) throws CelEvaluationException {
    if (l.isEmpty()) {
      throw new CelEvaluationException(name + " called on empty list");
    }
    Object best = l.get(0);
    for (Object o : l) {
      if (compare(o, best) * sign > 0) {
        best = o;
      }
    }
    return best;
  }

  private static Object indexOf(List<?> l, Object v, boolean last) {
    if (last) {
      for (int i = l.size() - 1; i >= 0; i--) {
        if (same(l.get(i), v)) {
          return (long) i;
        }
      }
    } else {
      for (int i = 0; i < l.size(); i++) {
        if (same(l.get(i), v)) {
          return (long) i;
        }
      }
    }
    return -1L;
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return Objects.equals(a, b);
  }
}
