import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { registryEnv, renderRegistryConfig } from "@/lib/runtime/registry-process";

describe("renderRegistryConfig", () => {
  const yaml = renderRegistryConfig({
    storageDir: "/data/storage",
    addr: "127.0.0.1:5001",
    tokenRealm: "http://127.0.0.1:3000/api/registry/token",
    service: "svc",
    issuer: "iss",
    rootCertBundle: "/data/cert.pem",
    eventsUrl: "http://127.0.0.1:3000/api/registry/events",
    eventsSecret: "s3cret-s3cret-s3cret",
  });
  const config = parse(yaml);

  it("points token auth at the console", () => {
    expect(config.auth.token).toEqual({
      realm: "http://127.0.0.1:3000/api/registry/token",
      service: "svc",
      issuer: "iss",
      rootcertbundle: "/data/cert.pem",
    });
  });
  it("sends notifications with the shared secret and drops blob events", () => {
    const [endpoint] = config.notifications.endpoints;
    expect(endpoint.url).toBe("http://127.0.0.1:3000/api/registry/events");
    expect(endpoint.headers.Authorization).toEqual(["Bearer s3cret-s3cret-s3cret"]);
    expect(endpoint.ignore.mediatypes).toEqual(["application/octet-stream"]);
  });
  it("drops pull events (the front door counts pulls) unless asked for them", () => {
    expect(config.notifications.endpoints[0].ignore.actions).toEqual(["pull"]);
    const withPulls = parse(
      renderRegistryConfig({
        storageDir: "/data/storage",
        addr: "127.0.0.1:5001",
        tokenRealm: "http://127.0.0.1:3000/api/registry/token",
        service: "svc",
        issuer: "iss",
        rootCertBundle: "/data/cert.pem",
        eventsUrl: "http://127.0.0.1:4000/sink",
        notifyPulls: true,
      }),
    );
    expect(withPulls.notifications.endpoints[0].ignore).toEqual({ mediatypes: ["application/octet-stream"] });
  });
  it("enables deletes and filesystem storage", () => {
    expect(config.storage.delete.enabled).toBe(true);
    expect(config.storage.filesystem.rootdirectory).toBe("/data/storage");
    expect(config.http.addr).toBe("127.0.0.1:5001");
  });
});

describe("registryEnv", () => {
  it("passes the console's environment on without the variables distribution reads as its config", () => {
    const env = registryEnv({
      PATH: "/usr/bin",
      NODE_ENV: "production",
      REGISTRY_URL: "http://127.0.0.1:5001",
      REGISTRY_EVENTS_SECRET: "s",
      REGISTRY_STORAGE_DELETE_ENABLED: "false",
    });
    expect(env).toEqual({ PATH: "/usr/bin", NODE_ENV: "production" });
  });
});
