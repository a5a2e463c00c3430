import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importsOf } from "./imports.ts";
import { targetOf } from "./rules.ts";
import { checkTree, featuresWithoutIndex, foldersWithoutRule } from "./tree.ts";

/**
 * The checker, proved on planted files: each test writes a few files into a fresh directory laid out
 * like src/ and expects exactly the violations it planted (as `file:line rule`), no more, no less.
 */
let src: string;
beforeEach(() => {
  src = mkdtempSync(join(tmpdir(), "ledgerlink-architecture-"));
});
afterEach(() => {
  rmSync(src, { recursive: true, force: true });
});

function plant(files: Record<string, string>): void {
  for (const [file, code] of Object.entries(files)) {
    mkdirSync(dirname(join(src, file)), { recursive: true });
    writeFileSync(join(src, file), code);
  }
}

/** Plants `files` and returns the violations found as `file:line rule`, sorted. */
function check(files: Record<string, string>): string[] {
  plant(files);
  return checkTree(src)
    .map((v) => `${v.file}:${v.line} ${v.rule}`)
    .sort();
}

const LIB = "what lib/ may import";
const FEATURE = "what features/<feature>/ may import";

describe("the import reader", () => {
  it("sees every kind of import, with its line", () => {
    const code = [
      `/// <reference types="node" />`,
      `import a from "./a.ts";`,
      `import "./side.ts";`,
      `import type { T } from "./t.ts";`,
      `import {`,
      `  b,`,
      `  c,`,
      `} from "./multi.ts";`,
      `export * from "./star.ts";`,
      `export { d } from "./d.ts";`,
      `import e = require("./e.ts");`,
      `const f = require("./f.cjs");`,
      `const g = await import("./g.ts");`,
      "const h = await import(`./${name}.ts`);",
      `type I = import("./i.ts").I;`,
      `vi.mock("./j.ts");`,
    ].join("\n");
    expect(importsOf("x.ts", code).map((i) => `${i.line} ${i.kind} ${i.specifier}`)).toEqual([
      "1 type node",
      "2 static ./a.ts",
      "3 side-effect ./side.ts",
      "4 type ./t.ts",
      "5 static ./multi.ts",
      "9 re-export ./star.ts",
      "10 re-export ./d.ts",
      "11 require ./e.ts",
      "12 require ./f.cjs",
      "13 dynamic ./g.ts",
      "14 computed `./${name}.ts`",
      "15 import-type ./i.ts",
      "16 mock ./j.ts",
    ]);
  });

  it("is not fooled by text that only looks like an import", () => {
    const code = [
      `// import { a } from "./commented.ts";`,
      `/* export * from "./block-comment.ts"; */`,
      `const s = 'import b from "./in-a-string.ts"';`,
      'const t = `require("./in-a-template.ts")`;',
    ].join("\n");
    expect(importsOf("x.ts", code)).toEqual([]);
  });

  it("reads .tsx files, imports inside JSX included", () => {
    const code = `import { Layout } from "./layout.tsx";\nexport const P = () => <Layout>{import("./lazy.ts")}</Layout>;`;
    expect(importsOf("x.tsx", code).map((i) => i.specifier)).toEqual(["./layout.tsx", "./lazy.ts"]);
  });

  it("resolves packages to their names and ignores Node's builtins", () => {
    expect(targetOf("lib/a.ts", "pg-boss")).toEqual({ kind: "package", name: "pg-boss" });
    expect(targetOf("lib/a.ts", "hono/jsx")).toEqual({ kind: "package", name: "hono" });
    expect(targetOf("lib/a.ts", "@hono/node-server")).toEqual({ kind: "package", name: "@hono/node-server" });
    expect(targetOf("lib/a.ts", "node:fs")).toEqual({ kind: "builtin" });
    expect(targetOf("lib/a.ts", "fs")).toEqual({ kind: "builtin" });
    expect(targetOf("features/x/y.ts", "../../../test/support/db.ts")).toEqual({
      kind: "test",
      path: "test/support/db.ts",
    });
  });
});

describe("the checker catches a forbidden import written as", () => {
  it("a side-effect import", () => {
    expect(check({ "lib/a.ts": `import "../db/kysely.ts";\n` })).toEqual([`lib/a.ts:1 ${LIB}`]);
  });

  it("a type import", () => {
    expect(
      check({
        "lib/a.ts": `import type { Db } from "../db/kysely.ts";\n`,
        "lib/b.ts": `import { type Db, type Tx } from "../db/kysely.ts";\n`,
      }),
    ).toEqual([`lib/a.ts:1 ${LIB}`, `lib/b.ts:1 ${LIB}`]);
  });

  it("a type query import(...).T", () => {
    expect(check({ "lib/a.ts": `export type Db = import("../db/kysely.ts").Db;\n` })).toEqual([
      `lib/a.ts:1 ${LIB}`,
    ]);
  });

  it("a multi-line import", () => {
    const code = `import { ok } from "./ok.ts";\nimport {\n  openDatabase,\n  type Db,\n} from "../db/kysely.ts";\n`;
    expect(check({ "lib/ok.ts": "export const ok = 1;\n", "lib/a.ts": code })).toEqual([`lib/a.ts:2 ${LIB}`]);
  });

  it("an export ... from and an export * from", () => {
    expect(
      check({
        "lib/a.ts": `export { openDatabase } from "../db/kysely.ts";\nexport * from "../queue/queue.ts";\n`,
      }),
    ).toEqual([`lib/a.ts:1 ${LIB}`, `lib/a.ts:2 ${LIB}`]);
  });

  it("a dynamic import", () => {
    expect(check({ "lib/a.ts": `export const load = () => import("../db/kysely.ts");\n` })).toEqual([
      `lib/a.ts:1 ${LIB}`,
    ]);
  });

  it("a computed dynamic import (template, variable, concatenation), wherever it is", () => {
    const code = [
      "export const a = (n: string) => import(`../db/${n}.ts`);",
      `export const b = (path: string) => import(path);`,
      `export const c = (n: string) => import("../db/" + n);`,
      `export const d = (n: string) => require(n);`,
    ].join("\n");
    expect(check({ "cli/a.ts": code })).toEqual([
      "cli/a.ts:1 computed import",
      "cli/a.ts:2 computed import",
      "cli/a.ts:3 computed import",
      "cli/a.ts:4 computed import",
    ]);
  });

  it("a require and an import = require", () => {
    expect(
      check({
        "lib/a.ts": `const k = require("../db/kysely.ts");\nimport q = require("../queue/queue.ts");\n`,
      }),
    ).toEqual([`lib/a.ts:1 ${LIB}`, `lib/a.ts:2 ${LIB}`]);
  });

  it("a vi.mock in a test (a mock leaving src/, and a computed one)", () => {
    expect(
      check({ "lib/a.test.ts": `vi.mock("../../bench/run.ts");\nconst name = "x";\nvi.mock(name);\n` }),
    ).toEqual(["lib/a.test.ts:1 stays inside src/", "lib/a.test.ts:3 computed import"]);
  });
});

describe("the checker catches", () => {
  it("pg-boss outside queue/", () => {
    expect(
      check({
        "db/a.ts": `import PgBoss from "pg-boss";\n`,
        "features/invoices/jobs.ts": `import type { Job } from "pg-boss";\n`,
      }),
    ).toEqual(["db/a.ts:1 package pg-boss", "features/invoices/jobs.ts:1 package pg-boss"]);
  });

  it("hono (and hono/*, @hono/*) in a feature's service", () => {
    expect(
      check({
        "features/invoices/service.ts": [
          `import { Hono } from "hono";`,
          `import type { Context } from "hono";`,
          `import { html } from "hono/html";`,
          `import { serve } from "@hono/node-server";`,
        ].join("\n"),
      }),
    ).toEqual([1, 2, 3, 4].map((n) => `features/invoices/service.ts:${n} package hono, @hono/*`));
  });

  it("kysely in a feature's service, even type-only", () => {
    expect(
      check({
        "features/invoices/service.ts": `import { sql } from "kysely";\nimport type { Kysely } from "kysely";\n`,
      }),
    ).toEqual([
      "features/invoices/service.ts:1 package kysely",
      "features/invoices/service.ts:2 package kysely",
    ]);
  });

  it("a value import of kysely in queue/ (types are allowed there)", () => {
    expect(
      check({
        "queue/a.ts": `import type { Kysely } from "kysely";\nimport { CompiledQuery } from "kysely";\n`,
      }),
    ).toEqual(["queue/a.ts:2 package kysely"]);
  });

  it("a feature importing another feature's internal file instead of its index.ts", () => {
    expect(
      check({
        "features/invoices/service.ts": [
          `import { findContact } from "../contacts/repo.ts";`,
          `import type { Contact } from "../contacts/model.ts";`,
          `import { contacts } from "../contacts/index.ts";`,
        ].join("\n"),
      }),
    ).toEqual([
      "features/invoices/service.ts:1 another feature only through its index.ts",
      "features/invoices/service.ts:2 another feature only through its index.ts",
    ]);
  });

  it("features/catalogue.ts reaching past a feature's index.ts", () => {
    expect(
      check({
        "features/catalogue.ts": `import { jobs } from "./invoices/index.ts";\nimport { more } from "./invoices/jobs.ts";\n`,
      }),
    ).toEqual(["features/catalogue.ts:2 another feature only through its index.ts"]);
  });

  it("a route importing connectors/ (routes.tsx, *-routes.ts, steps/, routes/)", () => {
    const vendor = `import { QboClient } from "../../connectors/qbo/client.ts";\n`;
    const deeper = `import { QboClient } from "../../../connectors/qbo/client.ts";\n`;
    expect(
      check({
        "features/invoices/routes.tsx": vendor,
        "features/invoices/card-routes.ts": vendor,
        "features/invoices/steps/customer.tsx": deeper,
        "features/invoices/routes/list.ts": deeper,
      }),
    ).toEqual([
      "features/invoices/card-routes.ts:1 routes call their service",
      "features/invoices/routes.tsx:1 routes call their service",
      "features/invoices/routes/list.ts:1 routes call their service",
      "features/invoices/steps/customer.tsx:1 routes call their service",
    ]);
  });

  it("a route importing kysely or the feature's repo", () => {
    expect(
      check({
        "features/invoices/routes.ts": [
          `import { sql } from "kysely";`,
          `import type { Kysely } from "kysely";`,
          `import { saveDraft } from "./repo.ts";`,
          `import { service } from "./service.ts";`,
        ].join("\n"),
      }),
    ).toEqual([1, 2, 3].map((n) => `features/invoices/routes.ts:${n} routes call their service`));
  });

  it("an emulator imported by anything but cli/ and tests", () => {
    expect(
      check({
        "http/app.ts": `import { qboEmulator } from "../emulators/qbo/index.ts";\n`,
        "cli/emulate.ts": `import { qboEmulator } from "../emulators/qbo/index.ts";\n`,
        "http/app.test.ts": `import { qboEmulator } from "../emulators/qbo/index.ts";\n`,
      }),
    ).toEqual(["http/app.ts:1 emulators only from cli/"]);
  });

  it("an emulator reaching another vendor, or its connector past wire/", () => {
    expect(
      check({
        "emulators/qbo/server.ts": [
          `import { Invoice } from "../../connectors/qbo/wire/invoice.ts";`,
          `import { kit } from "../kit/index.ts";`,
          `import { client } from "../../connectors/qbo/client.ts";`,
          `import { contacts } from "../hubspot/contacts.ts";`,
          `import { Deal } from "../../connectors/hubspot/wire/deal.ts";`,
        ].join("\n"),
      }),
    ).toEqual([3, 4, 5].map((n) => `emulators/qbo/server.ts:${n} what emulators/<vendor>/ may import`));
  });

  it("test/ imported from a file that is not a test", () => {
    expect(
      check({
        "features/invoices/fixtures.ts": `import { db } from "../../../test/support/db.ts";\n`,
        "features/invoices/service.test.ts": `import { db } from "../../../test/support/db.ts";\n`,
      }),
    ).toEqual(["features/invoices/fixtures.ts:1 test/ only from tests"]);
  });

  it("a test leaving src/ for anything but test/ and the HubSpot app project", () => {
    expect(
      check({
        "connectors/rate-budget.test.ts": `import { open } from "../db/kysely.ts";\nimport { db } from "../../test/support/db.ts";\n`,
        "features/invoices/flow.int.test.ts": `import { createApp } from "../../http/app.tsx";\nimport { run } from "../../../bench/run.ts";\nimport { api } from "../../../hubspot-app/src/app/cards/card-api.ts";\n`,
      }),
    ).toEqual(["features/invoices/flow.int.test.ts:2 stays inside src/"]);
  });

  it("production code importing test/", () => {
    expect(check({ "lib/a.ts": `import { db } from "../../test/support/db.ts";\n` })).toEqual([
      "lib/a.ts:1 test/ only from tests",
    ]);
  });

  it("an import leaving src/", () => {
    expect(check({ "lib/a.ts": `import { x } from "../../bench/run.ts";\n` })).toEqual([
      "lib/a.ts:1 stays inside src/",
    ]);
  });

  it("a feature importing the app shell or queue internals", () => {
    expect(
      check({
        "features/invoices/service.ts": [
          `import { createApp } from "../../http/app.tsx";`,
          `import { JobQueue } from "../../queue/queue.ts";`,
          `import type { JobQueue as Q } from "../../queue/queue.ts";`,
          `import { pgbossDb } from "../../queue/pgboss-db.ts";`,
        ].join("\n"),
      }),
    ).toEqual([1, 2, 4].map((n) => `features/invoices/service.ts:${n} ${FEATURE}`));
  });

  it("a file in a folder nobody wrote a rule for, and says where to add one", () => {
    expect(check({ "reports/a.ts": `export const a = 1;\n` })).toEqual([
      "reports/a.ts:1 file without a rule",
    ]);
    expect(foldersWithoutRule(src)).toEqual([
      "src/reports/ has no import rule: add a row to `layers` in test/architecture/rules.ts saying what its files may import, with a `why`, and a line to the 'Horizontal layers' table of docs/ARCHITECTURE.md.",
    ]);
  });

  it("a feature without an index.ts", () => {
    plant({ "features/invoices/index.ts": "", "features/contacts/service.ts": "" });
    expect(featuresWithoutIndex(src)).toEqual([
      "src/features/contacts/ has no index.ts: other features may import a feature only through its index.ts, so give it one (exporting what others use).",
    ]);
  });

  it("and explains a violation in words: file, line, import, rule and why", () => {
    plant({
      "features/invoices/routes.tsx": `\nimport { QboClient } from "../../connectors/qbo/client.ts";\n`,
    });
    const [v] = checkTree(src);
    expect(v!.message).toBe(
      `src/features/invoices/routes.tsx:2 breaks "routes call their service": it imports "../../connectors/qbo/client.ts" (connectors/qbo/client.ts), but a route file never imports connectors/ (a vendor client). Why: routes turn HTTP into calls to the feature's service; vendor calls (connectors/) and SQL (Kysely, repo files) belong in the service and repo, where jobs and tests reach them without HTTP.`,
    );
  });
});

describe("the checker lets through", () => {
  it("the imports the layout allows", () => {
    expect(
      check({
        "lib/a.ts": `import { b } from "./b.ts";\nimport { readFileSync } from "node:fs";\nimport { z } from "zod";\n`,
        "lib/b.ts": `export const b = 1;\n`,
        "config.ts": `import { b } from "./lib/b.ts";\n`,
        "db/kysely.ts": `import { Kysely } from "kysely";\nimport pg from "pg";\nimport type { PGlite } from "@electric-sql/pglite";\n`,
        "queue/queue.ts": `import PgBoss from "pg-boss";\nimport type { Kysely } from "kysely";\nimport { db } from "../db/kysely.ts";\n`,
        "queue/catalogue.ts": `import type { Kysely } from "kysely";\n`,
        "connectors/qbo/client.ts": `import { b } from "../../lib/b.ts";\nimport { Money } from "../../domain/money.ts";\n`,
        "domain/money.ts": `import { b } from "../lib/b.ts";\n`,
        "emulators/kit/serve.ts": `import { serve } from "@hono/node-server";\nimport { b } from "../../lib/b.ts";\n`,
        "emulators/qbo/index.ts": [
          `import { Hono } from "hono";`,
          `import { serve } from "../kit/serve.ts";`,
          `import { Invoice } from "../../connectors/qbo/wire/invoice.ts";`,
          `import { Legacy } from "../../connectors/qbo/wire.ts";`,
        ].join("\n"),
        "http/app.tsx": `import { Hono } from "hono";\nimport { invoices } from "../features/invoices/index.ts";\nimport { layout } from "../web/layout.tsx";\n`,
        "http/context.ts": `import type { Context } from "hono";\n`,
        "http/paths.ts": `export const paths = {};\n`,
        "web/layout.tsx": `import { html } from "hono/html";\nimport { b } from "../lib/b.ts";\n`,
        "web/i18n/index.ts": `import { en } from "../../features/invoices/i18n.ts";\nimport { ja } from "../../features/invoices/i18n/ja.ts";\n`,
        "features/catalogue.ts": `import { invoices } from "./invoices/index.ts";\nimport { contacts } from "./contacts/index.ts";\n`,
        "features/contacts/index.ts": `export const contacts = 1;\n`,
        "features/invoices/index.ts": `export * from "./service.ts";\n`,
        "features/invoices/service.ts": [
          `import { findInvoice } from "./repo.ts";`,
          `import { contacts } from "../contacts/index.ts";`,
          `import { defineJob } from "../../queue/catalogue.ts";`,
          `import type { JobQueue } from "../../queue/queue.ts";`,
          `import { QboClient } from "../../connectors/qbo/client.ts";`,
          `import { db } from "../../db/kysely.ts";`,
          `import type { AppContext } from "../../http/context.ts";`,
          `import { paths } from "../../http/paths.ts";`,
          `import { layout } from "../../web/layout.tsx";`,
        ].join("\n"),
        "features/invoices/repo.ts": `import { sql, type Kysely } from "kysely";\n`,
        "features/invoices/drafts/repo/queries.ts": `import { sql } from "kysely";\n`,
        "features/invoices/routes.tsx": `import { Hono } from "hono";\nimport { service } from "./service.ts";\nimport { paths } from "../../http/paths.ts";\n`,
        "features/invoices/wizard-routes.ts": `import type { Context } from "hono";\n`,
        "features/invoices/pages/list.tsx": `import { html } from "hono/html";\n`,
        "features/invoices/steps/customer.ts": `import { html } from "hono/html";\n`,
        "features/invoices/i18n.ts": `export const en = {};\n`,
        "features/invoices/service.test.ts": [
          `import { sql } from "kysely";`,
          `import { Hono } from "hono";`,
          `import { db } from "../../../test/support/db.ts";`,
          `import { qbo } from "../../emulators/qbo/index.ts";`,
          `import { internal } from "../contacts/repo.ts";`,
          `vi.mock("./repo.ts");`,
        ].join("\n"),
        "cli/main.ts": `import { qbo } from "../emulators/qbo/index.ts";\nimport { main } from "../main.ts";\n`,
        "main.ts": `import { createApp } from "./http/app.tsx";\nimport { db } from "./db/kysely.ts";\n`,
        "config.test.ts": `import { config } from "./config.ts";\n`,
      }),
    ).toEqual([]);
  });

  it("a tree whose every folder has a rule", () => {
    plant({
      "lib/a.ts": "",
      "features/invoices/index.ts": "",
      "features/catalogue.ts": "",
      "emulators/qbo/index.ts": "",
      "emulators/kit/index.ts": "",
      "main.ts": "",
      "config.ts": "",
      "config.test.ts": "",
    });
    mkdirSync(join(src, "left-empty-by-a-move"));
    expect(foldersWithoutRule(src)).toEqual([]);
    expect(featuresWithoutIndex(src)).toEqual([]);
  });
});
