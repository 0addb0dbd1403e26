package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.crd.CustomResources;
import dev.atrium.model.catalog.ResourceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Table cells for built-in kinds, computed as kube-apiserver's printers
 * (pkg/printers/internalversion) do. One cell per printer column of the type, wide (priority &gt;
 * 0) columns included: kubectl hides those itself. Integer cells are {@link Long}, the rest {@link
 * String}.
 */
public final class TableRows {

  private static final Map<String, CellPrinter> PRINTERS =
      Map.ofEntries(
          Map.entry("/namespaces", CorePrinters::namespace),
          Map.entry("/configmaps", CorePrinters::configMap),
          Map.entry("/secrets", CorePrinters::secret),
          Map.entry("/serviceaccounts", CorePrinters::serviceAccount),
          Map.entry("/services", ServicePrinter::cells),
          Map.entry("/endpoints", CorePrinters::endpoints),
          Map.entry("/events", EventPrinter::cells),
          Map.entry("events.k8s.io/events", EventPrinter::cells),
          Map.entry("/resourcequotas", PolicyPrinters::resourceQuota),
          Map.entry("/persistentvolumeclaims", CorePrinters::persistentVolumeClaim),
          Map.entry("/pods", PodPrinter::cells),
          Map.entry("apps/deployments", AppsPrinters::deployment),
          Map.entry("apps/statefulsets", AppsPrinters::statefulSet),
          Map.entry("apps/daemonsets", AppsPrinters::daemonSet),
          Map.entry("apps/replicasets", AppsPrinters::replicaSet),
          Map.entry("apps/controllerrevisions", AppsPrinters::controllerRevision),
          Map.entry("batch/jobs", BatchPrinters::job),
          Map.entry("batch/cronjobs", BatchPrinters::cronJob),
          Map.entry("networking.k8s.io/ingresses", NetworkingPrinters::ingress),
          Map.entry("networking.k8s.io/ingressclasses", NetworkingPrinters::ingressClass),
          Map.entry("networking.k8s.io/networkpolicies", NetworkingPrinters::networkPolicy),
          Map.entry("rbac.authorization.k8s.io/rolebindings", RbacPrinters::binding),
          Map.entry("rbac.authorization.k8s.io/clusterrolebindings", RbacPrinters::binding),
          Map.entry("policy/poddisruptionbudgets", PolicyPrinters::podDisruptionBudget),
          Map.entry("autoscaling/horizontalpodautoscalers", HpaPrinter::cells),
          Map.entry("coordination.k8s.io/leases", CorePrinters::lease),
          Map.entry("tenancy.atrium.dev/workspaces", TenancyPrinters::workspace),
          Map.entry("workload.atrium.dev/synctargets", TenancyPrinters::syncTarget),
          Map.entry(
              "admissionregistration.k8s.io/mutatingwebhookconfigurations",
              CorePrinters::webhookConfiguration),
          Map.entry(
              "admissionregistration.k8s.io/validatingwebhookconfigurations",
              CorePrinters::webhookConfiguration));

  private TableRows() {}

  /** One cell per {@code type.printerColumns()}, in order. */
  public static List<Object> cells(ResourceType type, ObjectNode object, Instant now) {
    CellPrinter printer = PRINTERS.get(type.group() + "/" + type.plural());
    if (printer == null) {
      return CustomResources.isCustom(type)
          ? customCells(type, object, now)
          : ColumnPrinter.cells(type, object, now);
    }
    return fit(printer.cells(object, now), type.printerColumns().size());
  }

  /** Custom resources: the CRD version's columns (JSONPath cells), Name/Age if it is gone. */
  private static List<Object> customCells(ResourceType type, ObjectNode object, Instant now) {
    return CustomResources.versionOf(type, object)
        .map(
            v ->
                fit(
                    CustomResourceCells.cells(v.columns(), object, now),
                    type.printerColumns().size()))
        .orElseGet(() -> ColumnPrinter.cells(type, object, now));
  }

  /** True when a dedicated printer (not the Name/Created At default) serves this resource. */
  public static boolean hasDedicatedPrinter(ResourceType type) {
    return PRINTERS.containsKey(type.group() + "/" + type.plural());
  }

  /** Guards the column contract should the catalogue and a printer ever disagree. */
  private static List<Object> fit(List<Object> cells, int columns) {
    List<Object> fitted = new ArrayList<>(cells.subList(0, Math.min(cells.size(), columns)));
    while (fitted.size() < columns) {
      fitted.add("<none>");
    }
    return fitted;
  }
}
