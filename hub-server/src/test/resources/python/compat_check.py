"""Checks the official Kubernetes Python client against the hub (KUBECONFIG from the env).

Prints "PYTHON-COMPAT OK" as its last line and exits 0 when every check passed; any failure
raises, prints a traceback and exits non-zero.
"""
import os
import sys
import tempfile
import threading
import time
import traceback
import uuid

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok: " + message, flush=True)


def main():
    config.load_kube_config()
    v1 = client.CoreV1Api()
    apps = client.AppsV1Api()
    ns = "py-" + uuid.uuid4().hex[:8]

    names = [n.metadata.name for n in v1.list_namespace().items]
    check("default" in names or len(names) > 0, "list namespaces: %s" % names)

    v1.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
    check(v1.read_namespace(ns).status.phase == "Active", "namespace %s created and Active" % ns)
    try:
        run_checks(v1, apps, ns)
    finally:
        v1.delete_namespace(ns)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            v1.read_namespace(ns)
        except ApiException as e:
            if e.status == 404:
                break
            raise
        time.sleep(0.3)
    else:
        raise AssertionError("namespace %s not deleted within 30s" % ns)
    check(True, "namespace deleted")


def run_checks(v1, apps, ns):
    cm = client.V1ConfigMap(
        metadata=client.V1ObjectMeta(name="py-cm", labels={"app": "py", "tier": "a"}),
        data={"k": "v"},
    )
    created = v1.create_namespaced_config_map(ns, cm)
    check(created.metadata.resource_version, "configmap created with a resourceVersion")
    v1.create_namespaced_config_map(
        ns,
        client.V1ConfigMap(metadata=client.V1ObjectMeta(name="py-other", labels={"app": "other"})),
    )
    selected = v1.list_namespaced_config_map(ns, label_selector="app=py")
    check([c.metadata.name for c in selected.items] == ["py-cm"], "label selector app=py")
    selected = v1.list_namespaced_config_map(ns, label_selector="app in (py,other),tier!=b")
    check(
        sorted(c.metadata.name for c in selected.items) == ["py-cm", "py-other"],
        "set-based label selector",
    )
    fielded = v1.list_namespaced_config_map(ns, field_selector="metadata.name=py-other")
    check([c.metadata.name for c in fielded.items] == ["py-other"], "field selector")

    try:
        v1.create_namespaced_config_map(ns, cm)
        raise AssertionError("duplicate create succeeded")
    except ApiException as e:
        check(e.status == 409, "duplicate create is 409 (%s)" % e.status)

    patched = v1.patch_namespaced_config_map("py-cm", ns, {"data": {"added": "1"}})
    check(patched.data == {"k": "v", "added": "1"}, "strategic merge patch: %s" % patched.data)

    # watch: the client sends watch=True; an object created shortly after the stream starts
    rv = v1.list_namespaced_config_map(ns).metadata.resource_version

    def create_later():
        time.sleep(1.0)
        v1.create_namespaced_config_map(
            ns,
            client.V1ConfigMap(metadata=client.V1ObjectMeta(name="py-watched", labels={"w": "1"})),
        )

    creator = threading.Thread(target=create_later)
    creator.start()
    w = watch.Watch()
    seen = []
    for event in w.stream(v1.list_namespaced_config_map, ns, resource_version=rv, timeout_seconds=5):
        seen.append((event["type"], event["object"].metadata.name))
        if event["object"].metadata.name == "py-watched":
            w.stop()
    creator.join()
    check(("ADDED", "py-watched") in seen, "watch saw ADDED py-watched: %s" % seen)

    # a watch without resourceVersion starts with the current state, also with timeout_seconds
    w = watch.Watch()
    initial = set()
    for event in w.stream(v1.list_namespaced_config_map, ns, timeout_seconds=5):
        if event["type"] == "ADDED":
            initial.add(event["object"].metadata.name)
        if {"py-cm", "py-other", "py-watched"} <= initial:
            w.stop()
    check({"py-cm", "py-other", "py-watched"} <= initial, "watch initial ADDED events: %s" % initial)

    # create_from_yaml on a multi-document file, when this client version has it
    try:
        from kubernetes import utils
    except ImportError:
        utils = None
    if utils is not None and hasattr(utils, "create_from_yaml"):
        manifest = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: py-deploy
  labels:
    app: py-deploy
spec:
  replicas: 2
  selector:
    matchLabels:
      app: py-deploy
  template:
    metadata:
      labels:
        app: py-deploy
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: py-svc
spec:
  selector:
    app: py-deploy
  ports:
  - port: 80
    targetPort: 80
"""
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
            f.write(manifest)
            path = f.name
        try:
            utils.create_from_yaml(client.ApiClient(), path, namespace=ns)
        finally:
            os.unlink(path)
        d = apps.read_namespaced_deployment("py-deploy", ns)
        check(d.spec.replicas == 2, "create_from_yaml Deployment replicas=2")
        s = v1.read_namespaced_service("py-svc", ns)
        check(s.spec.ports[0].port == 80, "create_from_yaml Service port 80")
        deployments = apps.list_namespaced_deployment(ns, label_selector="app=py-deploy")
        check(len(deployments.items) == 1, "list deployments by label")
    else:
        print("skip: kubernetes.utils.create_from_yaml not available", flush=True)

    v1.delete_namespaced_config_map("py-cm", ns)
    try:
        v1.read_namespaced_config_map("py-cm", ns)
        raise AssertionError("configmap still there after delete")
    except ApiException as e:
        check(e.status == 404, "deleted configmap is 404")


if __name__ == "__main__":
    try:
        main()
    except Exception:
        traceback.print_exc()
        print("PYTHON-COMPAT FAILED", flush=True)
        sys.exit(1)
    print("PYTHON-COMPAT OK", flush=True)
