import { describe, expect, it } from "vitest";
import { formatConfigProblems, loadConfig } from "./config.ts";

describe("configuration", () => {
  it("has working defaults for the demo", () => {
    const result = loadConfig({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.port).toBe(3000);
    expect(result.config.publicUrl).toBe("http://localhost:3000");
    expect(result.config.databaseUrl).toBeUndefined();
    expect(result.config.dataDir).toBe(".ledgerlink");
    expect(result.config.hubspot.apiBaseUrl).toBe("https://api.hubapi.com");
  });

  it("reads every variable and trims trailing slashes from URLs", () => {
    const result = loadConfig({
      PORT: "8080",
      PUBLIC_URL: "https://ll.example.com/",
      DATABASE_URL: "postgres://u@db/ll",
      HUBSPOT_API_BASE_URL: "http://127.0.0.1:3001/",
      LEDGERLINK_PREVIOUS_SECRET_KEYS: "a, b,",
      LOG_LEVEL: "debug",
      NODE_ENV: "production",
    });
    expect(result.ok && result.config).toMatchObject({
      port: 8080,
      publicUrl: "https://ll.example.com",
      databaseUrl: "postgres://u@db/ll",
      previousSecretKeys: ["a", "b"],
      log: { level: "debug", format: "json" },
      hubspot: { apiBaseUrl: "http://127.0.0.1:3001" },
    });
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" }).ok).toBe(true);
  });

  it("names every bad variable at once", () => {
    const result = loadConfig({
      PORT: "70000",
      LOG_LEVEL: "loud",
      INTUIT_API_BASE_URL: "ftp://x",
      LEDGERLINK_SECRET_KEY: "short",
      HUBSPOT_APP_ID: "abc",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = formatConfigProblems(result.problems);
    for (const v of ["PORT", "LOG_LEVEL", "INTUIT_API_BASE_URL", "LEDGERLINK_SECRET_KEY", "HUBSPOT_APP_ID"]) {
      expect(text).toContain(v);
    }
  });
  it("reads the SMTP settings of automations, both or neither (W3)", () => {
    const both = loadConfig({
      SMTP_URL: "smtp://user:pw@mail.example:587",
      SMTP_FROM: "billing@example.com",
    });
    expect(both.ok && both.config.smtp).toEqual({
      url: "smtp://user:pw@mail.example:587",
      from: "billing@example.com",
    });
    const none = loadConfig({});
    expect(none.ok && none.config.smtp).toBeUndefined();
    for (const [env, name] of [
      [{ SMTP_URL: "smtp://mail.example" }, "SMTP_FROM"],
      [{ SMTP_FROM: "billing@example.com" }, "SMTP_URL"],
      [{ SMTP_URL: "http://mail.example", SMTP_FROM: "billing@example.com" }, "SMTP_URL"],
      [{ SMTP_URL: "smtp://mail.example", SMTP_FROM: "not-an-address" }, "SMTP_FROM"],
    ] as const) {
      const result = loadConfig(env);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.join("\n")).toContain(name);
    }
  });

  it("serves /metrics only with a token long enough, and reads the health threshold", () => {
    const set = loadConfig({
      METRICS_TOKEN: "0123456789abcdef0123",
      METRICS_PORT: "9464",
      HEALTH_FAILURE_THRESHOLD: "5",
    });
    expect(set.ok && set.config).toMatchObject({
      metricsToken: "0123456789abcdef0123",
      metricsPort: 9464,
      healthFailureThreshold: 5,
    });
    const unset = loadConfig({});
    expect(unset.ok && unset.config.metricsToken).toBeUndefined();
    expect(unset.ok && unset.config.metricsPort).toBeUndefined();
    expect(unset.ok && unset.config.healthFailureThreshold).toBe(3);
    const bad = loadConfig({ METRICS_TOKEN: "short", HEALTH_FAILURE_THRESHOLD: "0" });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.join("\n")).toContain("METRICS_TOKEN: must be at least 16 characters");
    expect(bad.problems.join("\n")).toContain("HEALTH_FAILURE_THRESHOLD");
  });

  it("reads HUBSPOT_ALLOWED_PORTALS as portal ids, and names a bad one clearly (ADR 0024)", () => {
    const listed = loadConfig({ HUBSPOT_ALLOWED_PORTALS: "20000001, 20000002" });
    expect(listed.ok && listed.config.hubspotAllowedPortals).toEqual(["20000001", "20000002"]);
    const unset = loadConfig({});
    expect(unset.ok && unset.config.hubspotAllowedPortals).toBeUndefined();
    for (const bad of ["20000001,", "portal-1", "20000001;20000002", "1.5"]) {
      const result = loadConfig({ HUBSPOT_ALLOWED_PORTALS: bad });
      expect(result.ok, bad).toBe(false);
      if (!result.ok)
        expect(result.problems).toEqual([
          "HUBSPOT_ALLOWED_PORTALS: must be HubSpot portal ids (digits) separated by commas, e.g. 20000001,20000002",
        ]);
    }
  });
});
