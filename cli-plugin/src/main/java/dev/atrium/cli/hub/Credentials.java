package dev.atrium.cli.hub;

/**
 * How to reach and authenticate to the hub: CA and client certificate PEM bytes (null when absent),
 * a bearer token (null when absent).
 */
public record Credentials(
    byte[] caPem, boolean insecure, String token, byte[] clientCertPem, byte[] clientKeyPem) {}
