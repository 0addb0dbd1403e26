package dev.atrium.hub.api.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.catalog.BuiltinCatalog;
import dev.atrium.model.catalog.ResourceType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableRowsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static List<Object> cells(String group, String plural, String object) {
    ResourceType type = BuiltinCatalog.byResource(group, plural).orElseThrow();
    List<Object> cells = TableRows.cells(type, json(object), NOW);
    assertEquals(type.printerColumns().size(), cells.size(), plural);
    return cells;
  }

  @Test
  void deployment() {
    String d =
        """
        {'apiVersion':'apps/v1','kind':'Deployment',
         'metadata':{'name':'web','namespace':'default','creationTimestamp':'2024-05-01T11:57:58Z'},
         'spec':{'replicas':3,
           'selector':{'matchLabels':{'app':'web','tier':'fe'},
             'matchExpressions':[{'key':'env','operator':'In','values':['prod','dev']},
                                 {'key':'canary','operator':'DoesNotExist'}]},
           'template':{'spec':{'containers':[{'name':'nginx','image':'nginx:1.27'},
                                             {'name':'sidecar','image':'busybox'}]}}},
         'status':{'replicas':3,'readyReplicas':2,'updatedReplicas':3,'availableReplicas':2}}
        """;
    assertEquals(
        List.of(
            "web",
            "2/3",
            3L,
            2L,
            "2m2s",
            "nginx,sidecar",
            "nginx:1.27,busybox",
            "app=web,!canary,env in (dev,prod),tier=fe"),
        cells("apps", "deployments", d));
  }

  @Test
  void freshDeploymentWithoutStatus() {
    String d =
        "{'metadata':{'name':'new','creationTimestamp':'2024-05-01T11:59:55Z'},"
            + "'spec':{'replicas':2,'template':{'spec':{'containers':[{'name':'c','image':'i'}]}}}}";
    assertEquals(
        List.of("new", "0/2", 0L, 0L, "5s", "c", "i", ""), cells("apps", "deployments", d));
  }

  @Test
  void namespace() {
    assertEquals(
        List.of("kube-system", "Active", "4d"),
        cells(
            "",
            "namespaces",
            "{'metadata':{'name':'kube-system','creationTimestamp':'2024-04-27T12:00:00Z'}}"));
    assertEquals(
        List.of("old", "Terminating", "<unknown>"),
        cells("", "namespaces", "{'metadata':{'name':'old'},'status':{'phase':'Terminating'}}"));
  }

  @Test
  void configMapCountsDataAndBinaryData() {
    String cm =
        "{'metadata':{'name':'cfg','creationTimestamp':'2024-05-01T09:00:00Z'},"
            + "'data':{'a':'1','b':'2'},'binaryData':{'c':'AAE='}}";
    assertEquals(List.of("cfg", 3L, "3h"), cells("", "configmaps", cm));
    assertEquals(
        List.of("empty", 0L, "<unknown>"),
        cells("", "configmaps", "{'metadata':{'name':'empty'}}"));
  }

  @Test
  void secret() {
    String s =
        "{'metadata':{'name':'tls','creationTimestamp':'2024-04-30T10:00:00Z'},"
            + "'type':'kubernetes.io/tls','data':{'tls.crt':'eA==','tls.key':'eQ=='}}";
    assertEquals(List.of("tls", "kubernetes.io/tls", 2L, "26h"), cells("", "secrets", s));
    assertEquals(
        List.of("plain", "Opaque", 1L, "<unknown>"),
        cells("", "secrets", "{'metadata':{'name':'plain'},'stringData':{'k':'v'}}"));
  }

  @Test
  void serviceAccount() {
    assertEquals(
        List.of("default", 1L, "<unknown>"),
        cells("", "serviceaccounts", "{'metadata':{'name':'default'},'secrets':[{'name':'tok'}]}"));
  }

  @Test
  void clusterIpService() {
    String svc =
        """
        {'metadata':{'name':'kubernetes','creationTimestamp':'2024-05-01T11:00:00Z'},
         'spec':{'type':'ClusterIP','clusterIP':'10.96.0.1','clusterIPs':['10.96.0.1'],
           'ports':[{'name':'https','port':443,'protocol':'TCP','targetPort':6443},
                    {'name':'dns','port':53,'protocol':'UDP'}],
           'selector':{'k8s-app':'api','app':'x'}}}
        """;
    assertEquals(
        List.of(
            "kubernetes",
            "ClusterIP",
            "10.96.0.1",
            "<none>",
            "443/TCP,53/UDP",
            "60m",
            "app=x,k8s-app=api"),
        cells("", "services", svc));
  }

  @Test
  void nodePortAndLoadBalancerServices() {
    String np =
        "{'metadata':{'name':'np'},'spec':{'type':'NodePort','clusterIPs':['10.0.0.5'],"
            + "'ports':[{'port':80,'nodePort':30080}]}}";
    assertEquals(
        List.of("np", "NodePort", "10.0.0.5", "<none>", "80:30080/TCP", "<unknown>", "<none>"),
        cells("", "services", np));
    String lb =
        "{'metadata':{'name':'lb'},'spec':{'type':'LoadBalancer','ports':[{'port':80}]},"
            + "'status':{'loadBalancer':{'ingress':[{'ip':'203.0.113.9'},{'hostname':'a.example'}]}}}";
    List<Object> cells = cells("", "services", lb);
    assertEquals("<none>", cells.get(2));
    assertEquals("203.0.113.9,a.example", cells.get(3));
    String pending = "{'metadata':{'name':'p'},'spec':{'type':'LoadBalancer'}}";
    assertEquals("<pending>", cells("", "services", pending).get(3));
    assertEquals("<none>", cells("", "services", pending).get(4));
  }

  @Test
  void runningPod() {
    String pod =
        """
        {'metadata':{'name':'web-1','creationTimestamp':'2024-05-01T11:50:00Z'},
         'spec':{'nodeName':'node-a','containers':[{'name':'a'},{'name':'b'}],
           'readinessGates':[{'conditionType':'example.com/ready'}]},
         'status':{'phase':'Running','podIP':'10.1.0.7','podIPs':[{'ip':'10.1.0.7'}],
           'conditions':[{'type':'Ready','status':'True'},{'type':'example.com/ready','status':'True'}],
           'containerStatuses':[
             {'name':'a','ready':true,'restartCount':2,'state':{'running':{}},
              'lastState':{'terminated':{'exitCode':1,'finishedAt':'2024-05-01T11:55:00Z'}}},
             {'name':'b','ready':false,'restartCount':0,'state':{'running':{}}}]}}
        """;
    assertEquals(
        List.of(
            "web-1", "1/2", "Running", "2 (5m ago)", "10m", "10.1.0.7", "node-a", "<none>", "1/1"),
        cells("", "pods", pod));
  }

  @Test
  void pendingPodWithoutStatus() {
    String pod = "{'metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'i'}]}}";
    assertEquals(
        List.of("p", "0/1", "Pending", "0", "<unknown>", "<none>", "<none>", "<none>", "<none>"),
        cells("", "pods", pod));
  }

  @Test
  void podWaitingAndInitReasons() {
    String crash =
        "{'metadata':{'name':'c'},'spec':{'containers':[{'name':'app'}]},"
            + "'status':{'phase':'Running','containerStatuses':[{'name':'app','restartCount':4,"
            + "'state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}}";
    List<Object> crashCells = cells("", "pods", crash);
    assertEquals("CrashLoopBackOff", crashCells.get(2));
    assertEquals("4", crashCells.get(3));
    String init =
        "{'metadata':{'name':'i'},'spec':{'initContainers':[{'name':'one'},{'name':'two'}],"
            + "'containers':[{'name':'app'}]},'status':{'phase':'Pending','initContainerStatuses':["
            + "{'name':'one','state':{'terminated':{'exitCode':0}}},"
            + "{'name':'two','state':{'running':{}}}]}}";
    assertEquals("Init:1/2", cells("", "pods", init).get(2));
    String failed =
        "{'metadata':{'name':'f'},'spec':{'initContainers':[{'name':'one'}],'containers':[{'name':'a'}]},"
            + "'status':{'initContainerStatuses':[{'name':'one','state':{'terminated':{'exitCode':3}}}]}}";
    assertEquals("Init:ExitCode:3", cells("", "pods", failed).get(2));
  }

  @Test
  void podSidecarCountsAndTermination() {
    String pod =
        "{'metadata':{'name':'s','deletionTimestamp':'2024-05-01T11:59:00Z'},"
            + "'spec':{'initContainers':[{'name':'proxy','restartPolicy':'Always'}],"
            + "'containers':[{'name':'app'}]},'status':{'phase':'Running',"
            + "'initContainerStatuses':[{'name':'proxy','started':true,'ready':true,'state':{'running':{}}}],"
            + "'containerStatuses':[{'name':'app','ready':true,'state':{'running':{}}}]}}";
    List<Object> cells = cells("", "pods", pod);
    assertEquals("2/2", cells.get(1));
    assertEquals("Terminating", cells.get(2));
    String done =
        "{'metadata':{'name':'d'},'spec':{'containers':[{'name':'app'}]},'status':{'phase':'Succeeded',"
            + "'containerStatuses':[{'name':'app','state':{'terminated':{'exitCode':0,'reason':'Completed'}}}]}}";
    assertEquals("Completed", cells("", "pods", done).get(2));
  }

  @Test
  void completedJob() {
    String job =
        """
        {'metadata':{'name':'pi','creationTimestamp':'2024-05-01T11:00:00Z'},
         'spec':{'completions':1,'parallelism':1,
           'selector':{'matchLabels':{'batch.kubernetes.io/controller-uid':'abc'}},
           'template':{'spec':{'containers':[{'name':'pi','image':'perl:5.34'}]}}},
         'status':{'succeeded':1,'startTime':'2024-05-01T11:00:01Z','completionTime':'2024-05-01T11:00:38Z',
           'conditions':[{'type':'SuccessCriteriaMet','status':'True'},{'type':'Complete','status':'True'}]}}
        """;
    assertEquals(
        List.of(
            "pi",
            "Complete",
            "1/1",
            "37s",
            "60m",
            "pi",
            "perl:5.34",
            "batch.kubernetes.io/controller-uid=abc"),
        cells("batch", "jobs", job));
  }

  @Test
  void jobStatuses() {
    String running =
        "{'metadata':{'name':'r'},'spec':{'parallelism':3},"
            + "'status':{'startTime':'2024-05-01T11:58:00Z','succeeded':1}}";
    List<Object> cells = cells("batch", "jobs", running);
    assertEquals(List.of("r", "Running", "1/1 of 3", "2m"), cells.subList(0, 4));
    assertEquals("<none>", cells.get(7));
    String failed =
        "{'metadata':{'name':'f'},'spec':{'completions':5},'status':{'failed':6,"
            + "'conditions':[{'type':'FailureTarget','status':'True'},{'type':'Failed','status':'True'}]}}";
    assertEquals(List.of("f", "Failed", "0/5", ""), cells("batch", "jobs", failed).subList(0, 4));
    String suspended =
        "{'metadata':{'name':'s'},'status':{'conditions':[{'type':'Suspended','status':'True'}]}}";
    assertEquals("Suspended", cells("batch", "jobs", suspended).get(1));
    String deleting =
        "{'metadata':{'name':'d','deletionTimestamp':'2024-05-01T11:59:00Z'},"
            + "'status':{'conditions':[{'type':'Suspended','status':'True'}]}}";
    assertEquals("Terminating", cells("batch", "jobs", deleting).get(1));
  }

  @Test
  void cronJob() {
    String cj =
        "{'metadata':{'name':'nightly','creationTimestamp':'2024-04-01T12:00:00Z'},"
            + "'spec':{'schedule':'0 3 * * *','jobTemplate':{'spec':{'template':{'spec':"
            + "{'containers':[{'name':'job','image':'busybox'}]}}}}},"
            + "'status':{'active':[{'name':'nightly-1'}],'lastScheduleTime':'2024-05-01T03:00:00Z'}}";
    assertEquals(
        List.of(
            "nightly", "0 3 * * *", "<none>", "False", 1L, "9h", "30d", "job", "busybox", "<none>"),
        cells("batch", "cronjobs", cj));
  }

  @Test
  void coreEvent() {
    String ev =
        """
        {'metadata':{'name':'web.17c','namespace':'default'},
         'involvedObject':{'kind':'Pod','name':'web','fieldPath':'spec.containers{app}'},
         'reason':'Pulled','message':'Successfully pulled image \\n','type':'Normal',
         'source':{'component':'kubelet','host':'node-a'},
         'firstTimestamp':'2024-05-01T11:00:00Z','lastTimestamp':'2024-05-01T11:59:00Z','count':3}
        """;
    assertEquals(
        List.of(
            "60s",
            "Normal",
            "Pulled",
            "pod/web",
            "spec.containers{app}",
            "kubelet, node-a",
            "Successfully pulled image",
            "60m",
            3L,
            "web.17c"),
        cells("", "events", ev));
  }

  @Test
  void eventsApiEvent() {
    String ev =
        "{'metadata':{'name':'e1'},'eventTime':'2024-05-01T11:59:30.000000Z',"
            + "'regarding':{'kind':'Deployment','name':'web'},'note':'Scaled up','type':'Normal',"
            + "'reason':'ScalingReplicaSet','reportingController':'deployment-controller'}";
    assertEquals(
        List.of(
            "30s",
            "Normal",
            "ScalingReplicaSet",
            "deployment/web",
            "",
            "deployment-controller",
            "Scaled up",
            "30s",
            1L,
            "e1"),
        cells("events.k8s.io", "events", ev));
  }

  @Test
  void statefulSetDaemonSetReplicaSet() {
    String sts =
        "{'metadata':{'name':'db'},'spec':{'replicas':3,'template':{'spec':{'containers':"
            + "[{'name':'pg','image':'postgres:16'}]}}},'status':{'readyReplicas':1}}";
    assertEquals(
        List.of("db", "1/3", "<unknown>", "pg", "postgres:16"), cells("apps", "statefulsets", sts));
    String ds =
        "{'metadata':{'name':'agent'},'spec':{'selector':{'matchLabels':{'app':'agent'}},"
            + "'template':{'spec':{'nodeSelector':{'kubernetes.io/os':'linux'},"
            + "'containers':[{'name':'a','image':'agent:1'}]}}},'status':{'desiredNumberScheduled':2,"
            + "'currentNumberScheduled':2,'numberReady':1,'updatedNumberScheduled':2,'numberAvailable':1}}";
    assertEquals(
        List.of(
            "agent",
            2L,
            2L,
            1L,
            2L,
            1L,
            "kubernetes.io/os=linux",
            "<unknown>",
            "a",
            "agent:1",
            "app=agent"),
        cells("apps", "daemonsets", ds));
    String rs =
        "{'metadata':{'name':'web-5d'},'spec':{'replicas':2},'status':{'replicas':2,'readyReplicas':2}}";
    assertEquals(
        List.of("web-5d", 2L, 2L, 2L, "<unknown>", "", "", "<none>"),
        cells("apps", "replicasets", rs));
  }

  @Test
  void controllerRevisionAndRbacAndLease() {
    String cr =
        "{'metadata':{'name':'db-7c','ownerReferences':[{'apiVersion':'apps/v1','kind':'StatefulSet',"
            + "'name':'db','controller':true}]},'revision':4}";
    assertEquals(
        List.of("db-7c", "statefulset.apps/db", 4L, "<unknown>"),
        cells("apps", "controllerrevisions", cr));
    String rb =
        "{'metadata':{'name':'admins'},'roleRef':{'kind':'ClusterRole','name':'admin'},"
            + "'subjects':[{'kind':'User','name':'alice'},{'kind':'User','name':'bob'},"
            + "{'kind':'Group','name':'ops'},{'kind':'ServiceAccount','name':'ci','namespace':'tools'}]}";
    assertEquals(
        List.of("admins", "ClusterRole/admin", "<unknown>", "alice, bob", "ops", "tools/ci"),
        cells("rbac.authorization.k8s.io", "rolebindings", rb));
    assertEquals(
        List.of("leader", "hub-0", "<unknown>"),
        cells(
            "coordination.k8s.io",
            "leases",
            "{'metadata':{'name':'leader'},'spec':{'holderIdentity':'hub-0'}}"));
  }

  @Test
  void defaultConvertorKinds() {
    assertEquals(
        List.of("view", "2024-04-30T08:15:00Z"),
        cells(
            "rbac.authorization.k8s.io",
            "clusterroles",
            "{'metadata':{'name':'view','creationTimestamp':'2024-04-30T08:15:00Z'}}"));
    assertEquals(
        List.of("widgets.example.com", "0001-01-01T00:00:00Z"),
        cells(
            "apiextensions.k8s.io",
            "customresourcedefinitions",
            "{'metadata':{'name':'widgets.example.com'}}"));
  }

  @Test
  void networkingPolicyAndQuota() {
    String ing =
        "{'metadata':{'name':'web'},'spec':{'ingressClassName':'nginx','tls':[{}],"
            + "'rules':[{'host':'a.example'},{'host':'b.example'},{},{'host':'d.example'},{'host':'e'}]},"
            + "'status':{'loadBalancer':{'ingress':[{'ip':'10.0.0.9'}]}}}";
    assertEquals(
        List.of(
            "web",
            "nginx",
            "a.example,b.example,d.example + 2 more...",
            "10.0.0.9",
            "80, 443",
            "<unknown>"),
        cells("networking.k8s.io", "ingresses", ing));
    assertEquals(
        "<none>",
        cells(
                "networking.k8s.io",
                "networkpolicies",
                "{'metadata':{'name':'deny'},'spec':{'podSelector':{}}}")
            .get(1));
    String pdb =
        "{'metadata':{'name':'p'},'spec':{'minAvailable':'50%'},'status':{'disruptionsAllowed':1}}";
    assertEquals(
        List.of("p", "50%", "N/A", 1L, "<unknown>"), cells("policy", "poddisruptionbudgets", pdb));
    String quota =
        "{'metadata':{'name':'q'},'status':{'hard':{'pods':'10','limits.cpu':'4','requests.cpu':'2'},"
            + "'used':{'pods':'3','requests.cpu':'500m'}}}";
    assertEquals(
        List.of("q", "pods: 3/10, requests.cpu: 500m/2", "limits.cpu: 0/4", "<unknown>"),
        cells("", "resourcequotas", quota));
  }

  @Test
  void horizontalPodAutoscaler() {
    String hpa =
        "{'metadata':{'name':'web'},'spec':{'scaleTargetRef':{'kind':'Deployment','name':'web'},"
            + "'minReplicas':1,'maxReplicas':5,'metrics':[{'type':'Resource','resource':{'name':'cpu',"
            + "'target':{'type':'Utilization','averageUtilization':80}}}]},"
            + "'status':{'currentReplicas':2,'currentMetrics':[{'type':'Resource','resource':"
            + "{'name':'cpu','current':{'averageUtilization':35}}}]}}";
    assertEquals(
        List.of("web", "Deployment/web", "cpu: 35%/80%", "1", 5L, 2L, "<unknown>"),
        cells("autoscaling", "horizontalpodautoscalers", hpa));
  }

  @Test
  void everyCatalogueTypeYieldsOneCellPerColumn() {
    ObjectNode empty = json("{'metadata':{'name':'x'}}");
    for (ResourceType type : BuiltinCatalog.all()) {
      List<Object> cells = TableRows.cells(type, empty, NOW);
      assertEquals(type.printerColumns().size(), cells.size(), type.qualifiedResource());
      cells.forEach(c -> assertTrue(c instanceof String || c instanceof Long, type.plural()));
    }
  }

  @Test
  void humanDurationBoundaries() {
    assertEquals("<invalid>", human(-2_000));
    assertEquals("0s", human(-1_999));
    assertEquals("0s", human(-1));
    assertEquals("0s", human(0));
    assertEquals("59s", human(59_999));
    assertEquals("119s", human(119_999));
    assertEquals("2m", human(120_000));
    assertEquals("3m2s", human(182_000));
    assertEquals("9m59s", human(599_000));
    assertEquals("10m", human(600_000));
    assertEquals("179m", human(179 * 60_000L + 59_000));
    assertEquals("3h", human(3 * 3_600_000L));
    assertEquals("3h1m", human(3 * 3_600_000L + 60_000));
    assertEquals("7h59m", human(8 * 3_600_000L - 1));
    assertEquals("8h", human(8 * 3_600_000L));
    assertEquals("47h", human(48 * 3_600_000L - 1));
    assertEquals("2d", human(48 * 3_600_000L));
    assertEquals("2d3h", human(51 * 3_600_000L));
    assertEquals("7d23h", human(8 * 86_400_000L - 1));
    assertEquals("8d", human(8 * 86_400_000L));
    assertEquals("729d", human(730 * 86_400_000L - 1));
    assertEquals("2y", human(730 * 86_400_000L));
    assertEquals("3y20d", human((3 * 365 + 20) * 86_400_000L));
    assertEquals("7y364d", human(8 * 365 * 86_400_000L - 1));
    assertEquals("8y", human(8 * 365 * 86_400_000L));
    assertEquals("10y", human(10 * 365 * 86_400_000L + 86_400_000L * 100));
  }

  private static String human(long millis) {
    return HumanDuration.format(java.time.Duration.ofMillis(millis));
  }
}
