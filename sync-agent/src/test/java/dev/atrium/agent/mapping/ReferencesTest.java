package dev.atrium.agent.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atrium.agent.mapping.References.Reference;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReferencesTest {

  @Test
  void findsEveryKindOfReferenceInAPodTemplate() {
    Set<Reference> refs =
        References.of(
            Objects.json(
                """
                {'kind':'Deployment','spec':{'template':{'spec':{
                  'serviceAccountName':'runner',
                  'imagePullSecrets':[{'name':'pull'}],
                  'volumes':[{'name':'a','configMap':{'name':'cm-vol'}},{'name':'b','secret':{'secretName':'sec-vol'}},
                    {'name':'c','projected':{'sources':[{'configMap':{'name':'cm-proj'}},{'secret':{'name':'sec-proj'}}]}}],
                  'initContainers':[{'name':'i','envFrom':[{'secretRef':{'name':'sec-init'}}]}],
                  'containers':[{'name':'c','envFrom':[{'configMapRef':{'name':'cm-env'}}],
                    'env':[{'name':'X','valueFrom':{'configMapKeyRef':{'name':'cm-key','key':'k'}}},
                           {'name':'Y','valueFrom':{'secretKeyRef':{'name':'sec-key','key':'k'}}},
                           {'name':'Z','value':'plain'}]}]}}}}
                """));
    assertEquals(
        List.of(
            new Reference("serviceaccounts", "runner"),
            new Reference("secrets", "pull"),
            new Reference("configmaps", "cm-vol"),
            new Reference("secrets", "sec-vol"),
            new Reference("configmaps", "cm-proj"),
            new Reference("secrets", "sec-proj"),
            new Reference("secrets", "sec-init"),
            new Reference("configmaps", "cm-env"),
            new Reference("configmaps", "cm-key"),
            new Reference("secrets", "sec-key")),
        List.copyOf(refs));
  }

  @Test
  void podsAndCronJobsToo() {
    assertEquals(
        Set.of(new Reference("configmaps", "p")),
        References.of(
            Objects.json(
                "{'kind':'Pod','spec':{'containers':[{'envFrom':[{'configMapRef':{'name':'p'}}]}]}}")));
    assertEquals(
        Set.of(new Reference("secrets", "cj")),
        References.of(
            Objects.json(
                "{'kind':'CronJob','spec':{'jobTemplate':{'spec':{'template':{'spec':{'imagePullSecrets':[{'name':'cj'}]}}}}}}")));
  }

  @Test
  void defaultServiceAccountAndNonWorkloadsHaveNone() {
    assertEquals(
        Set.of(),
        References.of(Objects.json("{'kind':'Pod','spec':{'serviceAccountName':'default'}}")));
    assertEquals(Set.of(), References.of(Objects.json("{'kind':'ConfigMap','data':{}}")));
  }
}
