import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { commands } from "../../src/cli/run.ts";
import { configSchema } from "../../src/config.ts";
import { composeOnlyVariables } from "../../scripts/render-env-example.ts";
import { dockerfileInstructions, interpolatedNames, read, root } from "./deploy-files.ts";

/** compose.yaml and the Caddyfile, read as data: every reference in them points at something real. */
interface Service {
  build?: unknown;
  image?: string;
  command?: string[];
  env_file?: string | string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  networks?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
  deploy?: { replicas?: number };
  restart?: string;
  ports?: string[];
  user?: string;
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, unknown>;
}

const text = read("compose.yaml");
const compose = load(text) as Compose;
const services = compose.services;
const ledgerlink = Object.entries(services).filter(([, s]) => s.build !== undefined);
const schemaNames = Object.keys(configSchema.shape);
const commandNames = commands.map((c) => c.name);
const caddyfile = read("deploy/Caddyfile");

describe("compose.yaml", () => {
  it("runs PostgreSQL on a named volume with a health check", () => {
    const postgres = services.postgres!;
    expect(postgres.image).toMatch(/^postgres:\d+/);
    const volume = postgres.volumes?.find((v) => v.endsWith(":/var/lib/postgresql/data"));
    expect(volume, "PostgreSQL's data directory must be on a volume").toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(volume!.split(":")[0]);
    expect(postgres.healthcheck?.test?.join(" ")).toContain("pg_isready");
  });

  it("migrates once, after PostgreSQL is healthy, before the web and the workers start", () => {
    const migrate = services.migrate!;
    expect(migrate.command).toEqual(["migrate"]);
    expect(migrate.restart).toBe("no");
    expect(migrate.depends_on?.postgres?.condition).toBe("service_healthy");
    for (const name of ["serve", "worker"]) {
      expect(services[name]!.depends_on?.migrate?.condition, name).toBe("service_completed_successfully");
    }
  });

  it("runs one web and at least two workers, each a real CLI command", () => {
    expect(services.serve!.command).toEqual(["serve"]);
    const workers = ledgerlink.filter(([, s]) => s.command?.[0] === "worker");
    const count = workers.reduce((n, [, s]) => n + (s.deploy?.replicas ?? 1), 0);
    expect(count).toBeGreaterThanOrEqual(2);
    for (const [name, service] of ledgerlink) {
      expect(commandNames, `${name}'s command`).toContain(service.command?.[0]);
    }
  });

  it("gives every Ledgerlink container .env, the production settings and only schema variables", () => {
    expect(ledgerlink.map(([n]) => n).sort()).toEqual(["migrate", "serve", "worker"]);
    for (const [name, service] of ledgerlink) {
      expect(service.env_file, name).toBe(".env");
      const env = service.environment ?? {};
      expect(env.NODE_ENV, name).toBe("production");
      expect(env.HOST, name).toBe("0.0.0.0");
      expect(env.DATABASE_URL, name).toMatch(
        /^postgres:\/\/ledgerlink:\$\{POSTGRES_PASSWORD[^}]*\}@postgres:5432\/ledgerlink$/,
      );
      expect(env.LEDGERLINK_SECRET_KEY, `${name} must refuse to start without a key`).toMatch(
        /^\$\{LEDGERLINK_SECRET_KEY:\?/,
      );
      expect(
        Object.keys(env).filter((k) => !schemaNames.includes(k)),
        name,
      ).toEqual([]);
    }
  });

  it("interpolates only schema variables and the ones .env.example lists for compose", () => {
    const known = [...schemaNames, ...Object.keys(composeOnlyVariables)];
    expect(interpolatedNames(text).filter((n) => !known.includes(n))).toEqual([]);
  });

  it("checks the web's health (the image's HEALTHCHECK) and switches it off where nothing listens", () => {
    const healthcheck = dockerfileInstructions(read("Dockerfile")).some((i) => i.keyword === "HEALTHCHECK");
    expect(healthcheck).toBe(true);
    expect(services.serve!.healthcheck?.disable).not.toBe(true);
    for (const name of ["migrate", "worker"]) expect(services[name]!.healthcheck?.disable, name).toBe(true);
  });

  it("puts Caddy in front of the web with automatic HTTPS, after the web is healthy", () => {
    const caddy = services.caddy!;
    expect(caddy.image).toMatch(/^caddy:2/);
    expect(caddy.ports).toEqual(expect.arrayContaining(["80:80", "443:443"]));
    expect(caddy.volumes).toContain("./deploy/Caddyfile:/etc/caddy/Caddyfile:ro");
    expect(caddy.depends_on?.serve?.condition).toBe("service_healthy");
    expect(caddy.environment?.PUBLIC_URL).toMatch(/^\$\{PUBLIC_URL:\?/);
    const shared = (a: Service, b: Service) => (a.networks ?? []).some((n) => (b.networks ?? []).includes(n));
    expect(shared(caddy, services.serve!)).toBe(true);
    expect(shared(caddy, services.postgres!), "Caddy has no business reaching PostgreSQL").toBe(false);
  });

  it("names only volumes, networks, services and files that exist", () => {
    const volumes = Object.keys(compose.volumes ?? {});
    const networks = Object.keys(compose.networks ?? {});
    for (const [name, service] of Object.entries(services)) {
      for (const mount of service.volumes ?? []) {
        const source = mount.split(":")[0]!;
        if (source.startsWith(".") || source.startsWith("/")) {
          expect(existsSync(resolve(root, source)), `${name} mounts ${source}`).toBe(true);
        } else expect(volumes, `${name} mounts volume ${source}`).toContain(source);
      }
      for (const network of service.networks ?? []) expect(networks, `${name}'s network`).toContain(network);
      for (const dependency of Object.keys(service.depends_on ?? {})) {
        expect(Object.keys(services), `${name} depends on ${dependency}`).toContain(dependency);
      }
      if (service.env_file) expect(read(".gitignore")).toMatch(/^\.env$/m);
    }
  });
});

describe("deploy/Caddyfile", () => {
  it("serves PUBLIC_URL and forwards every path, untouched, to the web's port", () => {
    expect(interpolatedNames(caddyfile)).toEqual(["PUBLIC_URL"]);
    expect(caddyfile).toMatch(/^\{\$PUBLIC_URL\} \{$/m);
    const port = services.serve!.environment?.PORT;
    // No matcher on reverse_proxy, no prefix stripping: /webhooks/*, /oauth/*, /embed/* all arrive as sent.
    expect(caddyfile).toMatch(new RegExp(`^\\s*reverse_proxy serve:${port}( \\{)?$`, "m"));
    expect(caddyfile).not.toMatch(/handle_path|strip_prefix|uri /);
  });
});
