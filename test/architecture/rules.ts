import { isBuiltin } from "node:module";
import { posix } from "node:path";
import type { FoundImport } from "./imports.ts";

/**
 * Ledgerlink's import rules (docs/ARCHITECTURE.md, ADRs 0019, 0020), as data.
 *
 * Paths are relative to src/ and written as globs:
 *   `*`  any name within one folder      `**`  any number of folders (also none)
 *   `{a,b}`  either                       `<name>`  one folder name, the same everywhere in the row
 * (so `emulators/<vendor>/**` may import `connectors/<vendor>/wire/**`: its own vendor's wire only).
 *
 * An import is checked against the cross-cutting rules first (computed imports, leaving src/,
 * test support, emulators, features' public faces, routes, packages); the first of those it breaks is
 * reported. Only if it breaks none is it checked against its file's row in `layers`.
 *
 * Test files (`*.test.ts(x)`, including `.int.test.ts` and `.e2e.test.ts`) may import any file of
 * src/ and test/, because a test has to reach what it checks (an integration test builds the app
 * and the queue; an emulator test checks the emulator against our own error classification), and
 * the HubSpot app project's files whose contract they check. The package and route rules do not
 * apply to them. They may still not leave src/ otherwise, nor use computed imports, and production
 * code may never import them or test/.
 */

/** One target a row allows; `typeOnly` allows it only for imports that carry types alone. */
export type Allowed = string | { path: string; typeOnly: true };

export interface Layer {
  /** The files this row governs (first matching row wins, so specific rows come first). */
  files: string;
  /** What those files may import inside src/ (`**` = anything); packages are in `packageRules`. */
  mayImport: Allowed[];
  /** Carve-outs of `mayImport` (used with `**`). */
  except?: string[];
  /** Extra targets for the test files of this row (on top of `testsMayAlwaysImport`). */
  testsMayAlsoImport?: string[];
  /** Why the row is what it is: shown with every violation of it. */
  why: string;
}

/** What every test file may import whatever its folder: the shared test support and the emulators. */
export const testsMayAlwaysImport = ["**"];

/** What a feature may import besides itself: the horizontal layers and other features' faces. */
const featureMayImport: Allowed[] = [
  "features/<feature>/**",
  "features/*/index.ts",
  "lib/**",
  "db/**",
  "queue/catalogue.ts",
  { path: "queue/queue.ts", typeOnly: true },
  "connectors/**",
  "domain/**",
  "web/**",
  "http/context.ts",
  "http/paths.ts",
  "http/middleware/**",
];

export const layers: Layer[] = [
  {
    files: "lib/**",
    mayImport: ["lib/**"],
    why: "lib/ is the floor every other layer stands on (clock, result, errors, ids, logger, crypto); if it imported anything above it, everything would depend on everything.",
  },
  {
    files: "config.ts",
    mayImport: ["lib/**"],
    why: "config.ts is one zod schema over the environment, read before anything else is built; it only needs lib/.",
  },
  {
    files: "db/**",
    mayImport: ["db/**", "lib/**"],
    why: "db/ is the database itself (Kysely, the PGlite dialect, schema, migrations); it knows nothing of jobs, vendors or pages, so migrations run on their own.",
  },
  {
    files: "queue/**",
    mayImport: ["queue/**", "db/**", "lib/**"],
    why: "queue/ wraps pg-boss behind defineJob/enqueue/workers; it stores jobs in the database and nothing more. Features register jobs with it, not the other way round.",
  },
  {
    files: "connectors/**",
    mayImport: ["connectors/**", "lib/**", "domain/**"],
    why: "connectors/ is our side of each vendor's wire (clients, zod wire schemas, error classification); it speaks HTTP to vendors and may use shared domain types, but never the database or features.",
  },
  {
    files: "domain/**",
    mayImport: ["domain/**", "lib/**"],
    why: "domain/ holds pure types and rules shared by features and connectors; keeping it free of I/O keeps it testable and importable from anywhere.",
  },
  {
    files: "emulators/kit/**",
    mayImport: ["emulators/kit/**", "lib/**"],
    why: "emulators/kit/ is what both emulators share (clock, faults, rate limiter, webhook dispatcher, control routes); it must not favour one vendor.",
  },
  {
    files: "emulators/<vendor>/**",
    mayImport: [
      "emulators/<vendor>/**",
      "emulators/kit/**",
      "lib/**",
      "connectors/<vendor>/wire/**",
      "connectors/<vendor>/wire.ts",
    ],
    why: "an emulator stands alone, as the real vendor would: it shares only the kit, lib/ and its own vendor's wire schema, so it answers what the vendor answers, not what our code happens to expect.",
  },
  {
    files: "http/**",
    mayImport: ["**"],
    except: ["cli/**", "emulators/**", "main.ts"],
    why: "http/ is the app shell (createApp, middleware) that mounts every feature's routes; it may import anything except the CLI, the emulators (which only the CLI starts) and main.ts (which imports http/).",
  },
  {
    files: "web/**",
    mayImport: ["web/**", "lib/**", "features/*/i18n*.ts", "features/*/i18n/**"],
    why: "web/ is the layout and shared components every page uses; it composes the features' i18n catalogues (web/i18n) but must not reach into features otherwise, or features could not use it.",
  },
  {
    files: "features/catalogue.ts",
    mayImport: featureMayImport.filter((a) => a !== "features/<feature>/**"),
    why: "features/catalogue.ts composes every feature's jobs and rules, so it imports each feature's index.ts (and the same horizontal layers a feature may).",
  },
  {
    files: "features/<feature>/**",
    mayImport: featureMayImport,
    testsMayAlsoImport: ["features/**"],
    why: "a feature owns its folder; other features see only its index.ts (its public face), and it builds on the horizontal layers (lib, db, queue's job API, connectors, domain, web, http's context and paths). It never imports the app shell, the CLI or main.ts.",
  },
  {
    files: "cli/**",
    mayImport: ["**"],
    why: "cli/ is the top: the commands start everything, including the emulators.",
  },
  {
    files: "main.ts",
    mayImport: ["**"],
    except: ["cli/**", "emulators/**"],
    why: "main.ts is the composition root that wires the concrete dependencies; the CLI calls it, so it must not import the CLI, and it never starts emulators.",
  },
];

export interface PackageRule {
  /** Package names (as in package.json); `hono/jsx` counts as `hono`. */
  packages: string[];
  /** Where any import of them is allowed. */
  allowedIn: string[];
  /** Where type-only imports are allowed as well. */
  typesAlsoIn?: string[];
  why: string;
}

/** Packages not listed here may be imported anywhere (zod, pino, …); Node's builtins are ignored. */
export const packageRules: PackageRule[] = [
  {
    packages: ["kysely"],
    allowedIn: ["db/**", "features/*/**/repo.ts", "features/*/**/repo/**", "queue/pgboss-db.ts"],
    typesAlsoIn: ["queue/**"],
    why: "SQL lives in db/ and in each feature's repo.ts (or repo/ folder), so a schema change touches a known set of files and services stay testable without a database. queue/ may name Kysely's types because enqueue takes the caller's transaction, and queue/pgboss-db.ts runs pg-boss's own SQL on our connection.",
  },
  {
    packages: ["pg", "@electric-sql/pglite"],
    allowedIn: ["db/**"],
    why: "db/ picks the database driver (PostgreSQL through pg, or embedded PGlite); everything else goes through Kysely so both drivers behave the same.",
  },
  {
    packages: ["pg-boss"],
    allowedIn: ["queue/**"],
    why: "queue/ is the only module that knows pg-boss (ADR 0003); everyone else uses defineJob/enqueue, so pg-boss options stay in one place.",
  },
  {
    packages: ["prom-client"],
    allowedIn: ["lib/metrics.ts"],
    why: "lib/metrics.ts holds the one registry every metric is defined in (ADR 0028): metrics defined elsewhere would be missing from /metrics or registered twice, and the dashboard and alert rules are checked against that one list. Layers record through its `metrics` object; http/metrics.ts serves it.",
  },
  {
    packages: ["hono", "@hono/*"],
    allowedIn: [
      "http/**",
      "web/**",
      "emulators/**",
      "cli/**",
      "main.ts",
      "features/**/routes.{ts,tsx}",
      "features/**/*-routes.{ts,tsx}",
      "features/**/pages/**",
      "features/**/routes/**",
      "features/**/steps/**",
      "features/**/*.tsx",
    ],
    why: "HTTP belongs to the app shell, pages and route files; a feature's service, repo and jobs must work without a request (jobs run in the worker, which has none).",
  },
];

/** A feature's route files: they turn HTTP into calls to the feature's service. */
export const routeFiles = [
  "features/**/routes.{ts,tsx}",
  "features/**/*-routes.{ts,tsx}",
  "features/**/routes/**",
  "features/**/steps/**",
];

/** A feature's repository files: the only feature files that write SQL. */
export const repoFiles = ["features/*/**/repo.ts", "features/*/**/repo/**"];

/** A rule that cuts across the layers; checked, in this order, before the rows of `layers`. */
export interface CrossRule {
  name: string;
  why: string;
}

export const crossRules = {
  /** `import(name)`, `require(a + b)`, `vi.mock(path)`: nobody, human or checker, can see the edge. */
  computed: {
    name: "computed import",
    why: 'an import whose target is computed at runtime cannot be checked against any rule, so it could break every one of them unseen. Write the module as a plain string literal (import("./x.ts")), or choose between a few static imports.',
  },
  /** src/ runs as shipped; the folders around it (bench/, hubspot-app/, docs/) are not part of it. */
  outside: {
    name: "stays inside src/",
    why: "src/ is what ships and runs; it may not depend on files around it (bench/, hubspot-app/, …), and tests share helpers through test/support.",
  },
  /** test/ holds fixtures and harnesses, never installed. */
  testSupport: {
    name: "test/ only from tests",
    why: "test/ is not shipped; production code that imports it breaks in a real install. Only *.test.ts files may use test/support.",
  },
  /** The emulators are fakes of HubSpot and QuickBooks, started by the CLI. */
  emulators: {
    name: "emulators only from cli/",
    why: "the emulators stand in for HubSpot and QuickBooks; the product must never depend on them, or it would work only against fakes. Only cli/ starts them (and tests use them).",
  },
  /** A feature's index.ts is the one file other features may import. */
  featureFace: {
    name: "another feature only through its index.ts",
    why: "a feature's index.ts is its public face; reaching past it couples features to each other's insides. Import features/<other>/index.ts (and export what you need from it).",
  },
  /** Route files: a feature's routes.ts(x), *-routes.ts(x), and files under routes/ or steps/. */
  routes: {
    name: "routes call their service",
    why: "routes turn HTTP into calls to the feature's service; vendor calls (connectors/) and SQL (Kysely, repo files) belong in the service and repo, where jobs and tests reach them without HTTP.",
  },
} satisfies Record<string, CrossRule>;

/** How a file whose folder has no row is reported. */
export const noRule: CrossRule = {
  name: "file without a rule",
  why: "no row of `layers` in test/architecture/rules.ts covers this file, so nobody has said what it may import. Add a row (with a `why`) before adding files here.",
};

export interface Violation {
  /** src-relative file, e.g. `features/invoices/routes.tsx` */
  file: string;
  line: number;
  specifier: string;
  /** Name of the rule broken, for grouping. */
  rule: string;
  /** What the import does wrong, e.g. `it imports "../db/kysely.ts" (db/kysely.ts), but …`. */
  text: string;
  /** Why the rule exists. */
  why: string;
  /** The whole explanation, for a newcomer: `src/file:line breaks "rule": text. Why: why` */
  message: string;
}

/** Where an import points: a file in src/, a file in test/, somewhere else, a package, or Node. */
export type Target =
  | { kind: "src"; path: string }
  | { kind: "test"; path: string }
  | { kind: "outside"; path: string }
  | { kind: "package"; name: string }
  | { kind: "builtin" };

/** Resolves a specifier written in `file` (src-relative). */
export function targetOf(file: string, specifier: string): Target {
  if (specifier.startsWith(".") || specifier.startsWith("/")) {
    const path = specifier.startsWith("/")
      ? specifier
      : posix.normalize(posix.join(posix.dirname(file), specifier));
    if (path.startsWith("../test/")) return { kind: "test", path: path.slice(3) };
    if (path.startsWith("../") || path === ".." || path.startsWith("/")) return { kind: "outside", path };
    return { kind: "src", path };
  }
  if (specifier.startsWith("node:") || isBuiltin(specifier)) return { kind: "builtin" };
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
  return { kind: "package", name };
}

export function isTestFile(file: string): boolean {
  return /\.test\.tsx?$/.test(file);
}

/** The file a test tests: `config.test.ts` → `config.ts`, `a/b.int.test.ts` → `a/b.ts`. */
export function subjectOf(file: string): string {
  return isTestFile(file) ? file.replace(/\.[^/]*$/, ".ts") : file;
}

/** The row of `layers` governing `file` (a test file: the row of the file it tests), with its captures. */
export function layerOf(file: string): { layer: Layer; vars: Record<string, string> } | undefined {
  for (const layer of layers) {
    const vars = matchGlob(layer.files, subjectOf(file));
    if (vars) return { layer, vars };
  }
  return undefined;
}

/** Every broken rule among `imports` of `file` (a path relative to src/, `/`-separated). */
export function violationsOf(file: string, imports: FoundImport[]): Violation[] {
  const out: Violation[] = [];
  const test = isTestFile(file);
  const isRoute = !test && routeFiles.some((g) => matchGlob(g, file));
  const say = (line: number, specifier: string, rule: CrossRule, text: string): void => {
    const message = `src/${file}:${line} breaks "${rule.name}": ${text}. Why: ${rule.why}`;
    out.push({ file, line, specifier, rule: rule.name, text, why: rule.why, message });
  };

  const found = layerOf(file);
  if (!found) {
    say(
      imports[0]?.line ?? 1,
      imports[0]?.specifier ?? "",
      noRule,
      `no rule says what src/${file} may import`,
    );
    return out;
  }
  const { layer, vars } = found;
  const layerRule: CrossRule = { name: `what ${show(layer.files)} may import`, why: layer.why };

  for (const imp of imports) {
    const it = (rule: CrossRule, text: string): void => say(imp.line, imp.specifier, rule, text);
    const quoted = `it ${verbs[imp.kind]} "${imp.specifier}"`;

    if (imp.kind === "computed") {
      it(
        crossRules.computed,
        `it imports ${imp.specifier}, a computed import: the checker cannot see its target`,
      );
      continue;
    }

    const target = targetOf(file, imp.specifier);
    if (target.kind === "builtin") continue;

    // A test may check a contract against the HubSpot app project's own files.
    if (target.kind === "outside" && !(test && target.path.startsWith("../hubspot-app/"))) {
      it(crossRules.outside, `${quoted}, which resolves outside src/ (${target.path})`);
      continue;
    }
    if (target.kind === "outside") continue;

    if (target.kind === "test") {
      if (!test) it(crossRules.testSupport, `${quoted} (${target.path}), but it is not a test file`);
      continue;
    }

    if (target.kind === "package") {
      if (test) continue;
      if (isRoute && target.name === "kysely") {
        it(crossRules.routes, `${quoted}, but a route file never imports Kysely`);
        continue;
      }
      const rule = packageRules.find((r) => r.packages.some((p) => matchGlob(p, target.name)));
      if (!rule) continue;
      const ok =
        rule.allowedIn.some((g) => matchGlob(g, file)) ||
        (imp.typeOnly && (rule.typesAlsoIn ?? []).some((g) => matchGlob(g, file)));
      if (!ok) {
        const types = rule.typesAlsoIn ? `; type-only imports also in ${list(rule.typesAlsoIn)}` : "";
        it(
          { name: `package ${rule.packages.join(", ")}`, why: rule.why },
          `${quoted} (the package "${target.name}"), which is allowed only in ${list(rule.allowedIn)}${types}`,
        );
      }
      continue;
    }

    const path = target.path;

    if (
      !test &&
      !file.startsWith("cli/") &&
      !file.startsWith("emulators/") &&
      matchGlob("emulators/**", path)
    ) {
      it(crossRules.emulators, `${quoted} (${path}), but only cli/ (and tests) may import emulators/`);
      continue;
    }

    const own = /^features\/([^/]+)\//.exec(file)?.[1];
    const other = /^features\/([^/]+)\/(.+)$/.exec(path);
    if (!test && file.startsWith("features/") && other && other[1] !== own && other[2] !== "index.ts") {
      it(
        crossRules.featureFace,
        `${quoted} (${path}), an internal file of the feature "${other[1]}"; import features/${other[1]}/index.ts instead`,
      );
      continue;
    }

    if (isRoute) {
      const what = matchGlob("connectors/**", path)
        ? "connectors/ (a vendor client)"
        : repoFiles.some((g) => matchGlob(g, path))
          ? "a feature's repo (SQL)"
          : undefined;
      if (what) {
        it(crossRules.routes, `${quoted} (${path}), but a route file never imports ${what}`);
        continue;
      }
    }

    const allowed =
      layer.mayImport.some((a) => allows(a, path, imp, vars)) &&
      !(layer.except ?? []).some((g) => matchGlob(g, path, vars));
    const forTests =
      test &&
      (path === subjectOf(file) ||
        [...testsMayAlwaysImport, ...(layer.testsMayAlsoImport ?? [])].some((g) => matchGlob(g, path)));
    if (!allowed && !forTests) {
      const may = layer.mayImport.map((a) => (typeof a === "string" ? a : `${a.path} (types only)`));
      const but = layer.except ? ` except ${list(layer.except)}` : "";
      it(
        layerRule,
        `${quoted} (${path}), but files in ${show(layer.files, vars)} may import only ${list(may, vars)}${but}`,
      );
    }
  }
  return out;
}

/** How each kind of import reads in a sentence. */
const verbs: Record<FoundImport["kind"], string> = {
  static: "imports",
  "side-effect": "imports (for its side effects)",
  type: "imports types from",
  "re-export": "re-exports from",
  dynamic: "dynamically imports",
  computed: "imports",
  require: "requires",
  mock: "mocks",
  "import-type": "refers to a type in",
};

function allows(a: Allowed, path: string, imp: FoundImport, vars: Record<string, string>): boolean {
  if (typeof a === "string") return !!matchGlob(a, path, vars);
  return imp.typeOnly && !!matchGlob(a.path, path, vars);
}

/** `lib/**` reads as `lib/`; `<vendor>` is filled in when known. */
function show(glob: string, vars: Record<string, string> = {}): string {
  const filled = glob.replace(/<(\w+)>/g, (m, name: string) => vars[name] ?? m);
  return filled === "**" ? "anything" : filled.replace(/\/\*\*$/, "/");
}

function list(globs: string[], vars: Record<string, string> = {}): string {
  return globs.map((g) => show(g, vars)).join(", ");
}

const compiled = new Map<string, RegExp>();

/**
 * Matches a src-relative path against a glob of this file's dialect (see the top); returns the
 * `<name>` captures, or undefined when it does not match. `vars` fills captures in advance.
 */
export function matchGlob(
  glob: string,
  path: string,
  vars: Record<string, string> = {},
): Record<string, string> | undefined {
  const key = `${glob}\0${JSON.stringify(vars)}`;
  let re = compiled.get(key);
  if (!re) {
    re = new RegExp(`^${globSource(glob, vars)}$`);
    compiled.set(key, re);
  }
  const m = re.exec(path);
  return m ? { ...vars, ...m.groups } : undefined;
}

function globSource(glob: string, vars: Record<string, string>): string {
  const seen = new Set<string>();
  let out = "";
  for (let i = 0; i < glob.length;) {
    const rest = glob.slice(i);
    let m: RegExpExecArray | null;
    if (rest.startsWith("**/")) {
      out += "(?:[^/]+/)*";
      i += 3;
    } else if (rest === "/**") {
      out += "/.+";
      i += 3;
    } else if (rest.startsWith("**")) {
      out += ".*";
      i += 2;
    } else if (rest.startsWith("*")) {
      out += "[^/]*";
      i += 1;
    } else if ((m = /^\{([^}]*)\}/.exec(rest))) {
      out += `(?:${m[1]!.split(",").map(escape).join("|")})`;
      i += m[0].length;
    } else if ((m = /^<(\w+)>/.exec(rest))) {
      const name = m[1]!;
      if (vars[name] !== undefined) out += escape(vars[name]);
      else if (seen.has(name)) out += `\\k<${name}>`;
      else {
        out += `(?<${name}>[^/]+)`;
        seen.add(name);
      }
      i += m[0].length;
    } else {
      out += escape(glob[i]!);
      i += 1;
    }
  }
  return out;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
