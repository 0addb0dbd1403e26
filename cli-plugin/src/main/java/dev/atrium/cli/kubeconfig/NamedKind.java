package dev.atrium.cli.kubeconfig;

/** The three named lists of a kubeconfig and the key that holds each entry's body. */
public enum NamedKind {
  CLUSTER("clusters", "cluster"),
  CONTEXT("contexts", "context"),
  USER("users", "user");

  final String list;
  final String body;

  NamedKind(String list, String body) {
    this.list = list;
    this.body = body;
  }
}
