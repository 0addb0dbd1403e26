package dev.atrium.hub.registry.crd.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.request.ApiException.Cause;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomResourceSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static CustomResourceSchema schema(String specProperties) {
    return CustomResourceSchema.of(
        json(
            "{'type':'object','properties':{'spec':{'type':'object','properties':"
                + specProperties
                + "},'status':{'type':'object','x-kubernetes-preserve-unknown-fields':true}}}"));
  }

  private static ObjectNode widget(String spec) {
    return json(
        "{'apiVersion':'acceptance.example.com/v1','kind':'Widget','metadata':{'name':'w'},'spec':"
            + spec
            + "}");
  }

  private static List<String> errors(CustomResourceSchema s, String spec) {
    return s.validate(widget(spec)).stream().map(c -> c.field() + ": " + c.message()).toList();
  }

  private static final CustomResourceSchema ACCEPTANCE =
      schema("{'size':{'type':'integer','minimum':0},'color':{'type':'string','default':'blue'}}");

  @Test
  void wrongTypeIsInvalidWithKubernetesMessage() {
    List<Cause> causes = ACCEPTANCE.validate(widget("{'size':'big'}"));
    assertEquals(1, causes.size());
    Cause c = causes.get(0);
    assertEquals("spec.size", c.field());
    assertEquals("FieldValueTypeInvalid", c.reason());
    assertEquals(
        "Invalid value: \"string\": spec.size in body must be of type integer: \"string\"",
        c.message());
  }

  @Test
  void minimumAndMaximum() {
    assertEquals(
        List.of(
            "spec.size: Invalid value: -1: spec.size in body should be greater than or equal to 0"),
        errors(ACCEPTANCE, "{'size':-1}"));
    assertTrue(errors(ACCEPTANCE, "{'size':0}").isEmpty());
    CustomResourceSchema s =
        schema(
            "{'n':{'type':'number','minimum':1,'exclusiveMinimum':true,'maximum':2.5,"
                + "'exclusiveMaximum':true}}");
    assertEquals(
        List.of("spec.n: Invalid value: 1: spec.n in body should be greater than 1"),
        errors(s, "{'n':1}"));
    assertEquals(
        List.of("spec.n: Invalid value: 2.5: spec.n in body should be less than 2.5"),
        errors(s, "{'n':2.5}"));
    assertTrue(errors(s, "{'n':2}").isEmpty());
  }

  @Test
  void floatIsNotAnInteger() {
    assertEquals(
        List.of(
            "spec.size: Invalid value: \"number\": spec.size in body must be of type integer:"
                + " \"number\""),
        errors(ACCEPTANCE, "{'size':1.5}"));
  }

  @Test
  void requiredAndEnum() {
    CustomResourceSchema s =
        schema("{'mode':{'type':'string','enum':['a','b']},'name':{'type':'string'}}");
    ObjectNode root =
        json(
            "{'type':'object','properties':{'spec':{'type':'object','required':['name'],"
                + "'properties':{'mode':{'type':'string','enum':['a','b']},"
                + "'name':{'type':'string'}}}}}");
    List<Cause> causes = CustomResourceSchema.of(root).validate(widget("{'mode':'c'}"));
    assertEquals(2, causes.size());
    assertEquals("spec.name", causes.get(0).field());
    assertEquals("Required value", causes.get(0).message());
    assertEquals("FieldValueNotSupported", causes.get(1).reason());
    assertEquals(
        "Unsupported value: \"c\": supported values: \"a\", \"b\"", causes.get(1).message());
    assertTrue(errors(s, "{'mode':'a'}").isEmpty());
  }

  @Test
  void stringLengthsPatternAndFormats() {
    CustomResourceSchema s =
        schema(
            "{'code':{'type':'string','minLength':2,'maxLength':3,'pattern':'^[a-z]+$'},"
                + "'when':{'type':'string','format':'date-time'},"
                + "'data':{'type':'string','format':'byte'},"
                + "'count':{'type':'integer','format':'int32'}}");
    assertEquals(
        List.of(
            "spec.code: Invalid value: \"a\": spec.code in body should be at least 2 chars long"),
        errors(s, "{'code':'a'}"));
    assertEquals(
        List.of("spec.code: Too long: may not be more than 3 bytes"), errors(s, "{'code':'abcd'}"));
    assertEquals(
        List.of("spec.code: Invalid value: \"A1\": spec.code in body should match '^[a-z]+$'"),
        errors(s, "{'code':'A1'}"));
    assertEquals(
        List.of(
            "spec.when: Invalid value: \"yesterday\": spec.when in body must be of type"
                + " date-time: \"yesterday\""),
        errors(s, "{'when':'yesterday'}"));
    assertTrue(errors(s, "{'when':'2024-01-02T03:04:05Z','data':'aGVsbG8=','count':3}").isEmpty());
    assertFalse(errors(s, "{'data':'not base64!'}").isEmpty());
  }

  @Test
  void arraysItemsAndPaths() {
    CustomResourceSchema s =
        schema(
            "{'ports':{'type':'array','minItems':1,'maxItems':2,'items':{'type':'object',"
                + "'properties':{'port':{'type':'integer','maximum':65535}}}}}");
    assertEquals(
        List.of(
            "spec.ports[1].port: Invalid value: 70000: spec.ports[1].port in body should be less"
                + " than or equal to 65535"),
        errors(s, "{'ports':[{'port':80},{'port':70000}]}"));
    assertEquals(
        List.of("spec.ports: Too many: 3: must have at most 2 items"),
        errors(s, "{'ports':[{},{},{}]}"));
    assertEquals(
        List.of("spec.ports: Invalid value: 0: spec.ports in body should have at least 1 items"),
        errors(s, "{'ports':[]}"));
  }

  @Test
  void intOrString() {
    CustomResourceSchema s = schema("{'port':{'x-kubernetes-int-or-string':true}}");
    assertTrue(errors(s, "{'port':80}").isEmpty());
    assertTrue(errors(s, "{'port':'http'}").isEmpty());
    assertEquals(
        List.of(
            "spec.port: Invalid value: \"boolean\": spec.port in body must be of type"
                + " integer,string: \"boolean\""),
        errors(s, "{'port':true}"));
  }

  @Test
  void embeddedResourceNeedsApiVersionAndKind() {
    CustomResourceSchema s =
        schema(
            "{'template':{'type':'object','x-kubernetes-embedded-resource':true,"
                + "'x-kubernetes-preserve-unknown-fields':true}}");
    assertEquals(
        List.of(
            "spec.template.apiVersion: Required value: must not be empty",
            "spec.template.kind: Required value: must not be empty"),
        errors(s, "{'template':{'metadata':{'name':'x'}}}"));
    ObjectNode ok = widget("{'template':{'apiVersion':'v1','kind':'Pod','metadata':{},'x':1}}");
    s.normalize(ok);
    assertEquals(1, ok.path("spec").path("template").path("x").asInt());
    assertTrue(s.validate(ok).isEmpty());
  }

  @Test
  void defaultsApplyToMissingFieldsOnly() {
    ObjectNode w = widget("{'size':3}");
    ACCEPTANCE.normalize(w);
    assertEquals("blue", w.path("spec").path("color").asText());
    ObjectNode red = widget("{'size':3,'color':'red'}");
    ACCEPTANCE.normalize(red);
    assertEquals("red", red.path("spec").path("color").asText());
  }

  @Test
  void nestedDefaultsAreDefaultedToo() {
    CustomResourceSchema s =
        CustomResourceSchema.of(
            json(
                "{'type':'object','properties':{'spec':{'type':'object','default':{},"
                    + "'properties':{'replicas':{'type':'integer','default':1},"
                    + "'items':{'type':'array','items':{'type':'object','properties':"
                    + "{'weight':{'type':'integer','default':5}}}}}}}}"));
    ObjectNode o = json("{'apiVersion':'x/v1','kind':'X','metadata':{}}");
    s.normalize(o);
    assertEquals(1, o.path("spec").path("replicas").asInt());
    ObjectNode withItems =
        json("{'apiVersion':'x/v1','kind':'X','spec':{'items':[{},{'weight':2}]}}");
    s.normalize(withItems);
    assertEquals(5, withItems.path("spec").path("items").get(0).path("weight").asInt());
    assertEquals(2, withItems.path("spec").path("items").get(1).path("weight").asInt());
  }

  @Test
  void pruningRemovesUnknownFieldsButKeepsObjectMeta() {
    ObjectNode w = widget("{'size':3,'extra':true}");
    w.put("unknownTop", 1);
    w.with("status").put("anything", "kept");
    ACCEPTANCE.normalize(w);
    assertFalse(w.path("spec").has("extra"));
    assertFalse(w.has("unknownTop"));
    assertEquals("w", w.path("metadata").path("name").asText());
    assertEquals("Widget", w.path("kind").asText());
    assertEquals("kept", w.path("status").path("anything").asText());
  }

  @Test
  void additionalPropertiesAndPreserveUnknownFields() {
    CustomResourceSchema s =
        schema(
            "{'labels':{'type':'object','additionalProperties':{'type':'string'}},"
                + "'free':{'type':'object','x-kubernetes-preserve-unknown-fields':true}}");
    ObjectNode w = widget("{'labels':{'a':'b'},'free':{'x':{'y':1}}}");
    s.normalize(w);
    assertEquals("b", w.path("spec").path("labels").path("a").asText());
    assertEquals(1, w.path("spec").path("free").path("x").path("y").asInt());
    assertEquals(
        List.of(
            "spec.labels.a: Invalid value: \"integer\": spec.labels.a in body must be of type"
                + " string: \"integer\""),
        errors(s, "{'labels':{'a':1}}"));
  }

  @Test
  void nullableAndNulls() {
    CustomResourceSchema s =
        schema(
            "{'a':{'type':'string','nullable':true},'b':{'type':'string'},"
                + "'c':{'type':'string','default':'d'}}");
    assertTrue(errors(s, "{'a':null}").isEmpty());
    assertEquals(
        List.of("spec.b: Invalid value: \"null\": spec.b in body must be of type string: \"null\""),
        errors(s, "{'b':null}"));
    ObjectNode w = widget("{'c':null}");
    s.normalize(w);
    assertEquals("d", w.path("spec").path("c").asText());
  }

  @Test
  void anyOfAndNoSchema() {
    CustomResourceSchema s =
        schema(
            "{'v':{'anyOf':[{'type':'integer'},{'type':'string'}],"
                + "'x-kubernetes-int-or-string':true}}");
    assertTrue(errors(s, "{'v':'x'}").isEmpty());
    assertTrue(CustomResourceSchema.of(null).validate(widget("{'anything':1}")).isEmpty());
  }

  @Test
  void unknownFieldsAreThosePruningRemoves() {
    CustomResourceSchema s =
        schema(
            "{'items':{'type':'array','items':{'type':'object','properties':{'a':{'type':'string'}}}},"
                + "'free':{'type':'object','x-kubernetes-preserve-unknown-fields':true}}");
    ObjectNode w = widget("{'x':1,'items':[{'a':'1','b':2}],'free':{'y':3}}");
    w.put("top", true);
    assertEquals(List.of("spec.x", "spec.items[0].b", "top"), s.unknownFields(w));
    assertTrue(w.path("spec").has("x"), "unknownFields leaves the object unchanged");
  }
}
