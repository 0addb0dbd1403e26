package dev.atrium.hub.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.hub.request.ApiException.Cause;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CEL {@code x-kubernetes-validations} rules of one structural schema, as apiextensions-apiserver
 * evaluates them: every rule at every schema node that has a value, {@code self} bound to the
 * value, {@code oldSelf} to the correlated old value on update (transition rules only run when
 * there is one, unless {@code optionalOldSelf}). Rules are compiled once per schema node (and the
 * compiled programs are shared by identical rules on identically typed nodes); evaluation is
 * bounded per rule and per object.
 */
final class CelRules {

  /** Evaluation steps one rule may take (apiextensions' per-call limit is 1,000,000 cost units). */
  static final long PER_CALL_LIMIT = 1_000_000;

  /** Evaluation steps all rules of one object may take (RuntimeCELCostBudget). */
  static final long PER_OBJECT_BUDGET = 10_000_000;

  /** Wall-clock bound on all rules of one object, for functions that are costly per step. */
  static final long DEADLINE_NANOS = 2_000_000_000L;

  private static final String VALIDATIONS = "x-kubernetes-validations";
  private static final int MAX_CACHED = 10_000;
  private static final CelOptions OPTIONS =
      CelOptions.current()
          .enableHeterogeneousNumericComparisons(true)
          .enableOptionalSyntax(true)
          .build();
  private static final Cel CEL =
      CelFactory.standardCelBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addCompilerLibraries(
              CelExtensions.strings(),
              CelExtensions.sets(OPTIONS),
              CelExtensions.encoders(),
              CelOptionalLibrary.INSTANCE)
          .addRuntimeLibraries(
              CelExtensions.strings(),
              CelExtensions.sets(OPTIONS),
              CelExtensions.encoders(),
              CelOptionalLibrary.INSTANCE)
          .addFunctionDeclarations(KubeCelLibrary.declarations())
          .addFunctionBindings(KubeCelLibrary.bindings())
          .build();
  private static final Map<String, CelCompiler> COMPILERS = new ConcurrentHashMap<>();
  private static final Map<String, Compiled> PROGRAMS = new ConcurrentHashMap<>();

  private final JsonNode root;
  private final Map<JsonNode, List<Rule>> rules =
      Collections.synchronizedMap(new IdentityHashMap<>());

  CelRules(JsonNode root) {
    this.root = root;
  }

  /** A compiled expression, or why it did not compile. */
  record Compiled(CelRuntime.Program program, boolean usesOldSelf, String error) {}

  /** One {@code x-kubernetes-validations} entry, compiled for its node. */
  record Rule(
      String rule,
      String message,
      String messageExpression,
      String fieldPath,
      String reason,
      boolean optionalOldSelf,
      Compiled compiled,
      Compiled messageCompiled) {

    /** ruleErrorString: the message, else the rule. */
    String errorString() {
      return !message.isEmpty() ? message.trim() : rule.trim();
    }

    String messageOrDefault() {
      return message.isEmpty() ? "failed rule: " + errorString() : message.trim();
    }
  }

  // ---- compilation ----

  /** Whether the schema declares any rule (anywhere). */
  static boolean hasRules(JsonNode schema) {
    return schema != null && schema.toString().contains("\"" + VALIDATIONS + "\"");
  }

  private List<Rule> rulesOf(JsonNode schema) {
    JsonNode list = schema.get(VALIDATIONS);
    if (list == null || !list.isArray() || list.isEmpty()) {
      return List.of();
    }
    return rules.computeIfAbsent(schema, CelRules::compileNode);
  }

  static List<Rule> compileNode(JsonNode schema) {
    CelType type = CelValues.type(schema);
    List<Rule> out = new ArrayList<>();
    for (JsonNode r : schema.path(VALIDATIONS)) {
      boolean optionalOldSelf = r.path("optionalOldSelf").asBoolean(false);
      String rule = r.path("rule").asText("");
      String messageExpression = r.path("messageExpression").asText("");
      out.add(
          new Rule(
              rule,
              r.path("message").asText(""),
              messageExpression,
              r.path("fieldPath").asText(""),
              r.path("reason").asText(""),
              optionalOldSelf,
              compile(rule, type, optionalOldSelf, SimpleType.BOOL),
              messageExpression.isEmpty()
                  ? null
                  : compile(messageExpression, type, optionalOldSelf, SimpleType.STRING)));
    }
    return List.copyOf(out);
  }

  /** Compiles (or takes from the cache) one expression with {@code self}/{@code oldSelf}. */
  static Compiled compile(String expr, CelType self, boolean optionalOldSelf, CelType result) {
    String sig = CelValues.signature(self) + (optionalOldSelf ? "?" : "");
    String key = sig + "\u0000" + result.name() + "\u0000" + expr;
    Compiled cached = PROGRAMS.get(key);
    if (cached != null) {
      return cached;
    }
    if (PROGRAMS.size() > MAX_CACHED) {
      PROGRAMS.clear();
    }
    CelCompiler compiler =
        COMPILERS.computeIfAbsent(
            sig,
            s ->
                CEL.toCompilerBuilder()
                    .addVar("self", self)
                    .addVar("oldSelf", optionalOldSelf ? OptionalType.create(self) : self)
                    .build());
    Compiled compiled = compileWith(compiler, expr, result);
    PROGRAMS.put(key, compiled);
    return compiled;
  }

  private static Compiled compileWith(CelCompiler compiler, String expr, CelType result) {
    if (expr.isBlank()) {
      return new Compiled(null, false, "rule is empty");
    }
    try {
      CelAbstractSyntaxTree ast = compiler.compile(expr).getAst();
      CelType out = ast.getResultType();
      if (!out.equals(result) && !out.equals(SimpleType.DYN)) {
        String what = result.equals(SimpleType.BOOL) ? "a bool" : "a string";
        return new Compiled(null, false, "cel expression must evaluate to " + what);
      }
      boolean oldSelf =
          CelNavigableAst.fromAst(ast)
              .getRoot()
              .allNodes()
              .anyMatch(
                  n ->
                      n.getKind() == CelExpr.ExprKind.Kind.IDENT
                          && n.expr().ident().name().equals("oldSelf"));
      return new Compiled(CEL.createProgram(ast), oldSelf, null);
    } catch (CelValidationException e) {
      return new Compiled(null, false, e.getMessage());
    } catch (CelEvaluationException | RuntimeException e) {
      return new Compiled(null, false, String.valueOf(e.getMessage()));
    }
  }

  /**
   * Errors of the rules in a CRD version's {@code openAPIV3Schema} (rules that do not compile,
   * {@code oldSelf} where values cannot be correlated), with field paths under {@code path}.
   */
  static List<Cause> schemaErrors(JsonNode schema, String path) {
    List<Cause> causes = new ArrayList<>();
    if (hasRules(schema)) {
      schemaErrors(schema, path, true, causes);
    }
    return causes;
  }

  private static void schemaErrors(
      JsonNode schema, String path, boolean correlatable, List<Cause> causes) {
    if (schema == null || !schema.isObject()) {
      return;
    }
    JsonNode list = schema.path(VALIDATIONS);
    if (list.isArray() && !list.isEmpty()) {
      List<Rule> compiled = compileNode(schema);
      for (int i = 0; i < compiled.size(); i++) {
        Rule r = compiled.get(i);
        String at = path + "." + VALIDATIONS + "[" + i + "]";
        String value = goRule(list.get(i));
        if (r.compiled().error() != null) {
          causes.add(
              FieldErrors.invalidText(
                  at + ".rule", value, "compilation failed: " + r.compiled().error()));
        } else if (r.compiled().usesOldSelf() && !correlatable) {
          causes.add(
              FieldErrors.invalidText(
                  at + ".rule",
                  value,
                  "oldSelf cannot be used on the uncorrelatable portion of the schema within "
                      + path));
        }
        if (r.messageCompiled() != null && r.messageCompiled().error() != null) {
          causes.add(
              FieldErrors.invalidText(
                  at + ".messageExpression",
                  value,
                  "messageExpression compilation failed: " + r.messageCompiled().error()));
        }
      }
    }
    schema
        .path("properties")
        .fields()
        .forEachRemaining(
            e ->
                schemaErrors(
                    e.getValue(), path + ".properties[" + e.getKey() + "]", correlatable, causes));
    JsonNode items = Schemas.items(schema);
    if (items != null) {
      boolean mapList = "map".equals(schema.path("x-kubernetes-list-type").asText(""));
      schemaErrors(items, path + ".items", correlatable && mapList, causes);
    }
    JsonNode additional = Schemas.additionalSchema(schema);
    if (additional != null) {
      schemaErrors(additional, path + ".additionalProperties", correlatable, causes);
    }
  }

  /** The rule as apiextensions prints its ValidationRule struct in errors. */
  private static String goRule(JsonNode r) {
    String reason =
        r.hasNonNull("reason")
            ? "(*apiextensions.FieldValueErrorReason)(\"" + r.path("reason").asText() + "\")"
            : "(*apiextensions.FieldValueErrorReason)(nil)";
    String optional =
        r.hasNonNull("optionalOldSelf")
            ? "(*bool)(" + r.path("optionalOldSelf").asBoolean() + ")"
            : "(*bool)(nil)";
    return "apiextensions.ValidationRule{Rule:"
        + ValueText.quote(r.path("rule").asText(""))
        + ", Message:"
        + ValueText.quote(r.path("message").asText(""))
        + ", MessageExpression:"
        + ValueText.quote(r.path("messageExpression").asText(""))
        + ", Reason:"
        + reason
        + ", FieldPath:"
        + ValueText.quote(r.path("fieldPath").asText(""))
        + ", OptionalOldSelf:"
        + optional
        + "}";
  }

  // ---- evaluation ----

  /** Thrown from the evaluation listener when a rule or the object runs out of budget. */
  private static final class CostExceeded extends RuntimeException {
    final boolean object;

    CostExceeded(boolean object) {
      super(
          object
              ? "validation failed due to running out of cost budget"
              : "operation cancelled: actual cost limit exceeded",
          null,
          false,
          false);
      this.object = object;
    }
  }

  /** The state of one object's validation. */
  private static final class Run {
    final List<Cause> causes = new ArrayList<>();
    final long deadline = System.nanoTime() + DEADLINE_NANOS;
    long budget = PER_OBJECT_BUDGET;
    boolean stopped;
  }

  /** Rule errors of {@code object} ({@code old} on update, else null). */
  List<Cause> validate(JsonNode object, JsonNode old) {
    Run run = new Run();
    if (root != null && hasRules(root)) {
      walk(object, old, root, "", true, run);
    }
    return run.causes;
  }

  private void walk(
      JsonNode value, JsonNode old, JsonNode schema, String path, boolean meta, Run run) {
    if (schema == null || value == null || value.isNull() || value.isMissingNode() || run.stopped) {
      return;
    }
    List<Rule> here = rulesOf(schema);
    if (!here.isEmpty()) {
      evaluate(here, value, old, schema, path, meta, run);
    }
    if (value.isObject()) {
      JsonNode properties = schema.path("properties");
      value
          .fields()
          .forEachRemaining(
              e -> {
                String name = e.getKey();
                if (meta && Schemas.objectMetaField(name)) {
                  return;
                }
                JsonNode field = Schemas.fieldSchema(schema, name);
                if (field == null) {
                  return;
                }
                JsonNode oldField = old != null && old.isObject() ? old.get(name) : null;
                String child =
                    properties.has(name) ? Schemas.child(path, name) : path + "[" + name + "]";
                walk(e.getValue(), oldField, field, child, Schemas.embedded(field), run);
              });
    } else if (value.isArray()) {
      JsonNode items = Schemas.items(schema);
      if (items == null) {
        return;
      }
      Map<String, JsonNode> oldItems = correlate(old, schema);
      List<String> keys = mapKeys(schema);
      for (int i = 0; i < value.size(); i++) {
        JsonNode item = value.get(i);
        JsonNode oldItem = oldItems == null ? null : oldItems.get(keyOf(item, keys));
        walk(item, oldItem, items, Schemas.index(path, i), Schemas.embedded(items), run);
      }
    }
  }

  private static List<String> mapKeys(JsonNode schema) {
    List<String> keys = new ArrayList<>();
    schema.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
    return keys;
  }

  /** Old items of a {@code x-kubernetes-list-type: map} list by their keys; null otherwise. */
  private static Map<String, JsonNode> correlate(JsonNode old, JsonNode schema) {
    if (old == null
        || !old.isArray()
        || !"map".equals(schema.path("x-kubernetes-list-type").asText(""))) {
      return null;
    }
    List<String> keys = mapKeys(schema);
    Map<String, JsonNode> out = new HashMap<>();
    old.forEach(item -> out.putIfAbsent(keyOf(item, keys), item));
    return out;
  }

  private static String keyOf(JsonNode item, List<String> keys) {
    StringBuilder b = new StringBuilder();
    for (String k : keys) {
      b.append(item.path(k).toString()).append('\u0000');
    }
    return b.toString();
  }

  private void evaluate(
      List<Rule> here,
      JsonNode value,
      JsonNode old,
      JsonNode schema,
      String path,
      boolean meta,
      Run run) {
    Object self = CelValues.of(value, schema, meta);
    Object oldSelf = old == null || old.isNull() ? null : CelValues.of(old, schema, meta);
    String type = Schemas.type(schema);
    for (Rule rule : here) {
      if (run.stopped) {
        return;
      }
      Compiled c = rule.compiled();
      String at = path.isEmpty() ? "<nil>" : path;
      if (c.program() == null) {
        run.causes.add(
            FieldErrors.invalidText(at, ValueText.quote(type), "rule compile error: " + c.error()));
        continue;
      }
      Map<String, Object> vars = new HashMap<>();
      vars.put("self", self);
      if (rule.optionalOldSelf()) {
        vars.put("oldSelf", Optional.ofNullable(oldSelf));
      } else if (c.usesOldSelf()) {
        if (oldSelf == null) {
          continue;
        }
        vars.put("oldSelf", oldSelf);
      }
      Object result;
      try {
        result = eval(c.program(), vars, run);
      } catch (CostExceeded e) {
        run.stopped = true;
        String detail =
            e.object
                ? "validation failed due to running out of cost budget, no further validation rules"
                    + " will be run"
                : "'"
                    + e.getMessage()
                    + "': no further validation rules will be run due to call cost exceeds limit"
                    + " for rule: "
                    + rule.errorString();
        run.causes.add(FieldErrors.invalidText(at, ValueText.quote(type), detail));
        return;
      } catch (CelEvaluationException e) {
        run.causes.add(
            FieldErrors.invalidText(
                at,
                ValueText.quote(type),
                runtimeError(e) + " evaluating rule: " + rule.errorString()));
        continue;
      }
      if (Boolean.TRUE.equals(result)) {
        continue;
      }
      if (!(result instanceof Boolean)) {
        run.causes.add(
            FieldErrors.invalidText(
                at,
                ValueText.quote(type),
                "rule did not evaluate to a bool evaluating rule: " + rule.errorString()));
        continue;
      }
      String fieldPath = at;
      if (!rule.fieldPath().isEmpty()) {
        String extra = fieldPathOf(rule.fieldPath());
        fieldPath = path.isEmpty() ? stripDot(extra) : path + extra;
      }
      run.causes.add(failure(rule, fieldPath, type, message(rule, vars, run)));
    }
  }

  private static Object eval(CelRuntime.Program program, Map<String, Object> vars, Run run)
      throws CelEvaluationException {
    long[] steps = {0};
    CelEvaluationListener listener =
        (expr, value) -> {
          steps[0]++;
          if (--run.budget < 0) {
            throw new CostExceeded(true);
          }
          if (steps[0] > PER_CALL_LIMIT
              || (steps[0] & 0x3ff) == 0 && System.nanoTime() > run.deadline) {
            throw new CostExceeded(false);
          }
        };
    try {
      return program.trace(vars, listener);
    } catch (CelEvaluationException e) {
      CostExceeded cost = costCause(e);
      if (cost != null) {
        throw cost;
      }
      throw e;
    } catch (RuntimeException e) {
      CostExceeded cost = costCause(e);
      if (cost != null) {
        throw cost;
      }
      throw new CelEvaluationException(String.valueOf(e.getMessage()), e);
    }
  }

  private static CostExceeded costCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CostExceeded c) {
        return c;
      }
    }
    return null;
  }

  /** The messageExpression's result when usable, else message or "failed rule: ...". */
  private static String message(Rule rule, Map<String, Object> vars, Run run) {
    Compiled m = rule.messageCompiled();
    if (m != null && m.program() != null) {
      try {
        Object text = eval(m.program(), vars, run);
        if (text instanceof String s && !s.isBlank() && !s.contains("\n") && s.length() <= 5000) {
          return s.trim();
        }
      } catch (CelEvaluationException | CostExceeded e) {
        // as upstream: fall back to the static message
      }
    }
    return rule.messageOrDefault();
  }

  private static Cause failure(Rule rule, String path, String type, String message) {
    return switch (rule.reason()) {
      case "FieldValueForbidden" -> new Cause(rule.reason(), "Forbidden: " + message, path);
      case "FieldValueRequired" -> new Cause(rule.reason(), "Required value: " + message, path);
      case "FieldValueDuplicate" ->
          new Cause(rule.reason(), "Duplicate value: " + ValueText.quote(type), path);
      default -> FieldErrors.invalidText(path, ValueText.quote(type), message);
    };
  }

  /** A rule's fieldPath (".a.b", ".a['x.y']") as a field.Path suffix (".a.b", ".a[x.y]"). */
  static String fieldPathOf(String fieldPath) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    String p = fieldPath.trim();
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
          end++;
        }
        out.append('.').append(p, i + 1, end);
        i = end;
      } else if (c == '[') {
        int close = p.indexOf(']', i);
        if (close < 0) {
          out.append(p.substring(i));
          break;
        }
        String inner = p.substring(i + 1, close).trim();
        if (inner.length() >= 2 && (inner.startsWith("'") || inner.startsWith("\""))) {
          inner = inner.substring(1, inner.length() - 1);
        }
        out.append('[').append(inner).append(']');
        i = close + 1;
      } else {
        int end = i;
        while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
          end++;
        }
        out.append('.').append(p, i, end);
        i = end;
      }
    }
    return out.toString();
  }

  private static String stripDot(String s) {
    return s.startsWith(".") ? s.substring(1) : s;
  }

  /** CEL-Java's runtime errors, worded as cel-go's where they differ. */
  private static String runtimeError(CelEvaluationException e) {
    String m = String.valueOf(e.getMessage());
    if (m.startsWith("evaluation error: ")) {
      m = m.substring("evaluation error: ".length());
    }
    java.util.regex.Matcher key =
        java.util.regex.Pattern.compile("key '(.*)' is not present in map\\.?").matcher(m);
    if (key.find()) {
      return "no such key: " + key.group(1);
    }
    return m;
  }
}
