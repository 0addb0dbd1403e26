package dev.atrium.hub.registry.crd.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.request.ApiException.Cause;
import java.util.List;
import org.junit.jupiter.api.Test;

class CelRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text.replace('\'', '"').replace('`', '\''));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A schema whose spec has {@code specProperties} and the spec-level {@code rules}. */
  private static CustomResourceSchema schema(String specProperties, String rules) {
    return CustomResourceSchema.of(
        json(
            "{'type':'object','properties':{'spec':{'type':'object','x-kubernetes-validations':"
                + rules
                + ",'properties':"
                + specProperties
                + "}}}"));
  }

  private static ObjectNode widget(String spec) {
    return json(
        "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},'spec':"
            + spec
            + "}");
  }

  private static List<String> errors(CustomResourceSchema s, String spec) {
    return text(s.validate(widget(spec)));
  }

  private static List<String> updateErrors(CustomResourceSchema s, String spec, String oldSpec) {
    return text(s.validateUpdate(widget(spec), widget(oldSpec)));
  }

  private static List<String> text(List<Cause> causes) {
    return causes.stream().map(c -> c.field() + ": " + c.message()).toList();
  }

  private static final String REPLICAS =
      "{'min':{'type':'integer'},'max':{'type':'integer'},'name':{'type':'string'}}";

  @Test
  void ruleOnObjectPassesAndFailsWithDefaultMessage() {
    CustomResourceSchema s = schema(REPLICAS, "[{'rule':'self.min <= self.max'}]");
    assertEquals(List.of(), errors(s, "{'min':1,'max':3}"));
    assertEquals(
        List.of("spec: Invalid value: \"object\": failed rule: self.min <= self.max"),
        errors(s, "{'min':4,'max':3}"));
  }

  @Test
  void messageFieldPathAndReason() {
    CustomResourceSchema s =
        schema(
            REPLICAS,
            "[{'rule':'self.min <= self.max','message':'min must not exceed max',"
                + "'fieldPath':'.min','reason':'FieldValueForbidden'}]");
    List<Cause> causes = s.validate(widget("{'min':4,'max':3}"));
    assertEquals(1, causes.size());
    assertEquals("spec.min", causes.get(0).field());
    assertEquals("FieldValueForbidden", causes.get(0).reason());
    assertEquals("Forbidden: min must not exceed max", causes.get(0).message());

    CustomResourceSchema required =
        schema(
            REPLICAS,
            "[{'rule':'has(self.name)','message':'name is needed','reason':'FieldValueRequired'}]");
    assertEquals(List.of("spec: Required value: name is needed"), errors(required, "{'min':1}"));
  }

  @Test
  void messageExpression() {
    CustomResourceSchema s =
        schema(
            REPLICAS,
            "[{'rule':'self.max < 10','message':'too many',"
                + "'messageExpression':'`max is ` + string(self.max) + `, limit 10`'}]");
    assertEquals(
        List.of("spec: Invalid value: \"object\": max is 12, limit 10"), errors(s, "{'max':12}"));
    // a messageExpression that fails at runtime falls back to the message
    CustomResourceSchema fallback =
        schema(
            REPLICAS,
            "[{'rule':'self.max < 10','message':'too many','messageExpression':'self.name'}]");
    assertEquals(
        List.of("spec: Invalid value: \"object\": too many"), errors(fallback, "{'max':12}"));
  }

  @Test
  void rulesOnListsMapsAndItems() {
    CustomResourceSchema s =
        schema(
            "{'ports':{'type':'array','items':{'type':'integer',"
                + "'x-kubernetes-validations':[{'rule':'self > 0 && self < 65536'}]},"
                + "'x-kubernetes-validations':[{'rule':'self.isSorted()','message':'sorted'},"
                + "{'rule':'self.sum() < 100000'},{'rule':'self.indexOf(80) != 1'},"
                + "{'rule':'self.all(p, self.exists_one(q, q == p))','message':'unique'}]},"
                + "'labels':{'type':'object','additionalProperties':{'type':'string',"
                + "'x-kubernetes-validations':[{'rule':'self.lowerAscii() == self'}]},"
                + "'x-kubernetes-validations':[{'rule':'`app` in self'},"
                + "{'rule':'self.all(k, k.startsWith(`x`) || k == `app`)'}]}}",
            "[]");
    assertEquals(List.of(), errors(s, "{'ports':[80,443],'labels':{'app':'web','xy':'z'}}"));
    assertEquals(
        List.of(
            "spec.ports: Invalid value: \"array\": sorted",
            "spec.ports: Invalid value: \"array\": unique",
            "spec.ports[2]: Invalid value: \"integer\": failed rule: self > 0 && self < 65536"),
        errors(s, "{'ports':[443,443,0]}"));
    assertEquals(
        List.of(
            "spec.labels: Invalid value: \"object\": failed rule: `app` in self".replace('`', '\''),
            "spec.labels: Invalid value: \"object\": failed rule: self.all(k, k.startsWith(`x`) || k == `app`)"
                .replace('`', '\''),
            "spec.labels[b]: Invalid value: \"string\": failed rule: self.lowerAscii() == self"),
        errors(s, "{'labels':{'b':'UP'}}"));
  }

  @Test
  void listAndStringLibraryFunctions() {
    CustomResourceSchema s =
        schema(
            "{'xs':{'type':'array','items':{'type':'integer'}},'s':{'type':'string'}}",
            "[{'rule':'self.xs.min() == 1 && self.xs.max() == 5 && self.xs.lastIndexOf(5) == 2'},"
                + "{'rule':'self.s.find(`[0-9]+`) == `12` && self.s.findAll(`[a-z]`).size() == 3'},"
                + "{'rule':'self.s.split(`-`).join(`+`) == `ab+12+c` && `  x `.trim() == `x`'},"
                + "{'rule':'self.s.upperAscii().replace(`AB`, `ba`) == `ba-12-C`'},"
                + "{'rule':'self.s.matches(`^[a-z]+-`) && self.s.endsWith(`c`) && self.s.contains(`12`)'},"
                + "{'rule':'self.xs.map(x, x * 2).filter(x, x > 4).size() == 1'}]");
    assertEquals(List.of(), errors(s, "{'xs':[1,2,5],'s':'ab-12-c'}"));
    assertEquals(6, errors(s, "{'xs':[2,5,3],'s':'AB-3-d'}").size());
  }

  @Test
  void extensionsAndOptionalSyntax() {
    CustomResourceSchema s =
        schema(
            "{'xs':{'type':'array','items':{'type':'integer'}},'s':{'type':'string'}}",
            "[{'rule':'sets.contains(self.xs, [1]) && sets.intersects(self.xs, [9, 2])'},"
                + "{'rule':'base64.decode(base64.encode(b`hi`)) == b`hi`'},"
                + "{'rule':'self.?missing.orValue(7) == 7 && self.s.charAt(0) == `a`'},"
                + "{'rule':'quantity(`1`) == quantity(`1000m`) && self.s.substring(1) == `bc`'}]");
    assertEquals(List.of(), errors(s, "{'xs':[1,2],'s':'abc'}"));
  }

  @Test
  void intOrStringIsDyn() {
    CustomResourceSchema s =
        schema(
            "{'port':{'x-kubernetes-int-or-string':true,'x-kubernetes-validations':"
                + "[{'rule':'type(self) == int ? self > 0 : self.startsWith(`http`)'}]}}",
            "[]");
    assertEquals(List.of(), errors(s, "{'port':8080}"));
    assertEquals(List.of(), errors(s, "{'port':'https'}"));
    assertEquals(1, errors(s, "{'port':-1}").size());
    assertEquals(1, errors(s, "{'port':'ftp'}").size());
  }

  @Test
  void transitionRuleImmutability() {
    CustomResourceSchema s =
        schema(
            "{'name':{'type':'string','x-kubernetes-validations':"
                + "[{'rule':'self == oldSelf','message':'name is immutable'}]}}",
            "[]");
    // create: transition rules are skipped
    assertEquals(List.of(), errors(s, "{'name':'a'}"));
    assertEquals(List.of(), updateErrors(s, "{'name':'a'}", "{'name':'a'}"));
    assertEquals(
        List.of("spec.name: Invalid value: \"string\": name is immutable"),
        updateErrors(s, "{'name':'b'}", "{'name':'a'}"));
    // no old value at that path: skipped
    assertEquals(List.of(), updateErrors(s, "{'name':'b'}", "{}"));
  }

  @Test
  void transitionRulesCorrelateMapListItemsByKey() {
    CustomResourceSchema s =
        schema(
            "{'items':{'type':'array','x-kubernetes-list-type':'map','x-kubernetes-list-map-keys':['name'],"
                + "'items':{'type':'object','properties':{'name':{'type':'string'},'size':{'type':'integer'}},"
                + "'x-kubernetes-validations':[{'rule':'self.size >= oldSelf.size','message':'no shrinking'}]}}}",
            "[]");
    assertEquals(
        List.of(),
        updateErrors(
            s,
            "{'items':[{'name':'b','size':1},{'name':'a','size':5}]}",
            "{'items':[{'name':'a','size':4},{'name':'b','size':1}]}"));
    assertEquals(
        List.of("spec.items[1]: Invalid value: \"object\": no shrinking"),
        updateErrors(
            s,
            "{'items':[{'name':'c','size':0},{'name':'a','size':3}]}",
            "{'items':[{'name':'a','size':4}]}"));
  }

  @Test
  void optionalOldSelfRunsOnCreate() {
    CustomResourceSchema s =
        schema(
            REPLICAS,
            "[{'rule':'!oldSelf.hasValue() || self.max >= oldSelf.value().max',"
                + "'optionalOldSelf':true,'message':'max may only grow'}]");
    assertEquals(List.of(), errors(s, "{'max':1}"));
    assertEquals(
        List.of("spec: Invalid value: \"object\": max may only grow"),
        updateErrors(s, "{'max':1}", "{'max':2}"));
  }

  @Test
  void rootRulesSeeMetadataName() {
    CustomResourceSchema s =
        CustomResourceSchema.of(
            json(
                "{'type':'object','x-kubernetes-validations':[{'rule':'self.metadata.name.startsWith(`w`)'},"
                    + "{'rule':'self.spec.x == 1','fieldPath':'.spec.x'}],"
                    + "'properties':{'spec':{'type':'object','properties':{'x':{'type':'integer'}}}}}"));
    assertEquals(List.of(), errors(s, "{'x':1}"));
    ObjectNode other = widget("{'x':2}");
    ((ObjectNode) other.get("metadata")).put("name", "v");
    assertEquals(
        List.of(
            "<nil>: Invalid value: \"object\": failed rule: self.metadata.name.startsWith('w')",
            "spec.x: Invalid value: \"object\": failed rule: self.spec.x == 1"),
        text(s.validate(other)));
  }

  @Test
  void quantityFunctions() {
    CustomResourceSchema s =
        schema(
            "{'memory':{'type':'string'},'cpu':{'type':'string'}}",
            "[{'rule':'isQuantity(self.memory) && quantity(self.memory).isLessThan(quantity(`2Gi`))',"
                + "'message':'memory below 2Gi'},"
                + "{'rule':'quantity(self.cpu).compareTo(quantity(`100m`)) >= 0 && "
                + "quantity(self.cpu).add(quantity(`500m`)).isGreaterThan(quantity(`0.5`))'},"
                + "{'rule':'quantity(`1k`).asInteger() == 1000 && quantity(`1.5`).isInteger() == false "
                + "&& quantity(`1Ki`).sub(24).asInteger() == 1000 && quantity(`-1`).sign() == -1'}]");
    assertEquals(List.of(), errors(s, "{'memory':'512Mi','cpu':'250m'}"));
    assertEquals(
        List.of(
            "spec: Invalid value: \"object\": memory below 2Gi",
            "spec: Invalid value: \"object\": failed rule: quantity(self.cpu).compareTo(quantity('100m'))"
                + " >= 0 && quantity(self.cpu).add(quantity('500m')).isGreaterThan(quantity('0.5'))"),
        errors(s, "{'memory':'4Gi','cpu':'50m'}"));
    List<String> bad = errors(s, "{'memory':'lots','cpu':'1'}");
    assertEquals(1, bad.size());
    List<String> badCpu = errors(s, "{'memory':'1Gi','cpu':'one'}");
    assertEquals(1, badCpu.size());
    assertTrue(badCpu.get(0).contains("evaluating rule:"), badCpu.get(0));
  }

  @Test
  void urlFunctions() {
    CustomResourceSchema s =
        schema(
            "{'endpoint':{'type':'string'}}",
            "[{'rule':'isURL(self.endpoint) && url(self.endpoint).getScheme() == `https`',"
                + "'message':'endpoint must be an https URL'},"
                + "{'rule':'!isURL(self.endpoint) || url(self.endpoint).getHostname() != `localhost`'}]");
    assertEquals(List.of(), errors(s, "{'endpoint':'https://example.com:8443/a/b?x=1'}"));
    assertEquals(
        List.of("spec: Invalid value: \"object\": endpoint must be an https URL"),
        errors(s, "{'endpoint':'http://example.com'}"));
    assertEquals(1, errors(s, "{'endpoint':'not a url'}").size());
    assertEquals(2, errors(s, "{'endpoint':'http://localhost:80'}").size());

    CustomResourceSchema parts =
        schema(
            "{'endpoint':{'type':'string'}}",
            "[{'rule':'url(self.endpoint).getHost() == `[::1]:80` && url(self.endpoint).getHostname() == `::1`"
                + " && url(self.endpoint).getPort() == `80` && url(self.endpoint).getEscapedPath() == `/a%20b`"
                + " && url(self.endpoint).getQuery()[`k`] == [`v1`, `v2`]'}]");
    assertEquals(List.of(), errors(parts, "{'endpoint':'https://[::1]:80/a%20b?k=v1&k=v2'}"));
  }

  @Test
  void nonCompilingRuleIsACrdErrorAndAnObjectError() {
    ObjectNode openApi =
        json(
            "{'type':'object','properties':{'spec':{'type':'object','properties':{'n':{'type':'integer',"
                + "'x-kubernetes-validations':[{'rule':'self >'},{'rule':'self.foo()'},"
                + "{'rule':'self + 1'},{'rule':'self > 0','messageExpression':'self'}]}}}}}");
    List<Cause> causes =
        CustomResourceSchema.ruleErrors(openApi, "spec.versions[0].schema.openAPIV3Schema");
    assertEquals(4, causes.size(), text(causes).toString());
    Cause first = causes.get(0);
    assertEquals(
        "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[n]"
            + ".x-kubernetes-validations[0].rule",
        first.field());
    assertEquals("FieldValueInvalid", first.reason());
    assertTrue(
        first
            .message()
            .startsWith(
                "Invalid value: apiextensions.ValidationRule{Rule:\"self >\", Message:\"\""),
        first.message());
    assertTrue(first.message().contains("compilation failed: ERROR: <input>:1:"), first.message());
    assertTrue(causes.get(2).message().endsWith("cel expression must evaluate to a bool"));
    assertEquals(
        "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[n]"
            + ".x-kubernetes-validations[3].messageExpression",
        causes.get(3).field());

    List<String> objectErrors = text(CustomResourceSchema.of(openApi).validate(widget("{'n':1}")));
    assertEquals(3, objectErrors.size(), objectErrors.toString());
    assertTrue(
        objectErrors.get(0).startsWith("spec.n: Invalid value: \"integer\": rule compile error:"));
  }

  @Test
  void oldSelfOnUncorrelatableItemsIsACrdError() {
    ObjectNode openApi =
        json(
            "{'type':'object','properties':{'xs':{'type':'array','items':{'type':'string',"
                + "'x-kubernetes-validations':[{'rule':'self == oldSelf'}]}}}}");
    List<Cause> causes = CustomResourceSchema.ruleErrors(openApi, "s");
    assertEquals(1, causes.size());
    assertTrue(causes.get(0).message().contains("oldSelf cannot be used on the uncorrelatable"));
  }

  @Test
  void expensiveRuleHitsTheCostLimit() {
    CustomResourceSchema s =
        schema(
            "{'xs':{'type':'array','items':{'type':'integer'}}}",
            "[{'rule':'self.xs.all(a, self.xs.all(b, self.xs.all(c, a + b + c >= 0)))'},"
                + "{'rule':'self.xs.size() > 1000000'}]");
    StringBuilder xs = new StringBuilder("[");
    for (int i = 0; i < 300; i++) {
      xs.append(i == 0 ? "" : ",").append(i);
    }
    long start = System.nanoTime();
    List<String> errs = errors(s, "{'xs':" + xs + "]}");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(1, errs.size(), errs.toString());
    assertTrue(
        errs.get(0)
            .contains(
                "no further validation rules will be run due to call cost exceeds limit for rule:"),
        errs.get(0));
    assertTrue(millis < 10_000, "took " + millis + " ms");
    // small input: both rules run
    assertEquals(1, errors(s, "{'xs':[1,2]}").size());
  }

  @Test
  void structuralErrorsBlockRules() {
    CustomResourceSchema s = schema(REPLICAS, "[{'rule':'self.min <= self.max'}]");
    List<String> errs = errors(s, "{'min':'x','max':3}");
    assertEquals(2, errs.size(), errs.toString());
    assertTrue(
        errs.get(1)
            .startsWith("<nil>: Invalid value: null: some validation rules were not checked"));
  }

  @Test
  void runtimeErrorsAreReported() {
    CustomResourceSchema s =
        schema(REPLICAS, "[{'rule':'self.min <= self.max','message':'bad range'}]");
    assertEquals(
        List.of("spec: Invalid value: \"object\": no such key: max evaluating rule: bad range"),
        errors(s, "{'min':1}"));
  }

  @Test
  void dateTimeAndDurationFormats() {
    CustomResourceSchema s =
        schema(
            "{'start':{'type':'string','format':'date-time'},'end':{'type':'string','format':'date-time'},"
                + "'timeout':{'type':'string','format':'duration'}}",
            "[{'rule':'self.start < self.end && self.end - self.start > self.timeout'}]");
    assertEquals(
        List.of(),
        errors(
            s, "{'start':'2024-01-01T00:00:00Z','end':'2024-01-01T02:00:00Z','timeout':'1h30m'}"));
    assertEquals(
        1,
        errors(s, "{'start':'2024-01-01T00:00:00Z','end':'2024-01-01T01:00:00Z','timeout':'1h30m'}")
            .size());
  }
}
