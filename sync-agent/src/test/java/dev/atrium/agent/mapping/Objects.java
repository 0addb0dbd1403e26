package dev.atrium.agent.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Test objects. */
public final class Objects {

  private Objects() {}

  public static ObjectNode json(String text) {
    return Json.parse(text.replace('\'', '"'));
  }

  public static UpstreamObject deployment(String workspace, String ns, String name) {
    return new UpstreamObject(
        workspace,
        "apps",
        "v1",
        "deployments",
        json(
            """
            {'apiVersion':'apps/v1','kind':'Deployment',
             'metadata':{'name':'%s','namespace':'%s','uid':'u-1','resourceVersion':'17',
               'generation':3,'creationTimestamp':'2026-01-01T00:00:00Z',
               'labels':{'app':'web','state.workload.atrium.dev/abc':'Sync'},
               'annotations':{'atrium.dev/path':'%s','keep':'me',
                 'kubectl.kubernetes.io/last-applied-configuration':'{}'},
               'finalizers':['workload.atrium.dev/syncer-abc'],
               'managedFields':[{'manager':'kubectl'}],
               'ownerReferences':[{'kind':'X','name':'y','uid':'z','apiVersion':'v1'}]},
             'spec':{'replicas':2,'selector':{'matchLabels':{'app':'web'}},
               'template':{'metadata':{'labels':{'app':'web'}},
                 'spec':{'containers':[{'name':'web','image':'nginx:1.27',
                   'envFrom':[{'configMapRef':{'name':'web-config'}}]}]}}},
             'status':{'replicas':0}}
            """
                .formatted(name, ns, workspace)));
  }
}
