import ts from "typescript";

/**
 * How a file reaches another module. Each kind is a different piece of syntax; all of them are
 * dependencies for the architecture rules.
 */
export type ImportKind =
  /** `import { a } from "x"`, `import a from "x"`, `import * as a from "x"` */
  | "static"
  /** `import "x"`: runs the module for its effects, binds nothing */
  | "side-effect"
  /** `import type { A } from "x"`, or `import { type A, type B } from "x"` (every name a type) */
  | "type"
  /** `export { a } from "x"`, `export * from "x"`, `export * as ns from "x"`, `export type { A } from "x"` */
  | "re-export"
  /** `import("x")` with a plain string literal */
  | "dynamic"
  /** `import(expr)` / `require(expr)` / `vi.mock(expr)` whose target is not a plain string: unknowable */
  | "computed"
  /** `require("x")`, `import x = require("x")` */
  | "require"
  /** `vi.mock("x")` and its siblings (`doMock`, `unmock`, `importActual`, …): the test depends on "x" */
  | "mock"
  /** `import("x").T` or `typeof import("x")` in a type position */
  | "import-type";

export interface FoundImport {
  /** The module specifier as written; for a computed import, the source text of the argument. */
  specifier: string;
  kind: ImportKind;
  /** 1-based line of the import in the file. */
  line: number;
  /** True when only types cross the edge (erased at runtime): `import type`, `import("x").T`, … */
  typeOnly: boolean;
}

/** Vitest's module-mocking helpers whose first argument names a module. */
const viModuleHelpers = new Set(["mock", "doMock", "unmock", "doUnmock", "importActual", "importMock"]);

/**
 * Every import of a TypeScript file, read with the compiler's own parser (so comments, strings and
 * template text that merely look like imports are not imports, and multi-line imports are whole).
 */
export function importsOf(fileName: string, code: string): FoundImport[] {
  const kind = fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, kind);
  const found: FoundImport[] = [];

  const lineOf = (node: ts.Node): number => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const add = (node: ts.Node, specifier: string, k: ImportKind, typeOnly = false): void => {
    found.push({ specifier, kind: k, line: lineOf(node), typeOnly });
  };
  /** A plain string (`"x"`, `'x'` or a template without `${}`), or undefined when computed. */
  const literal = (node: ts.Node | undefined): string | undefined =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
  /** Records a call-like import: a literal target as `k`, anything else as computed. */
  const addCall = (node: ts.Node, arg: ts.Expression | undefined, k: ImportKind): void => {
    const text = literal(arg);
    if (text !== undefined) add(node, text, k);
    else add(node, arg ? arg.getText(sf) : "(no argument)", "computed");
  };

  // `/// <reference path="…" />` and `/// <reference types="…" />` are dependencies too.
  for (const ref of sf.referencedFiles) {
    found.push({ specifier: ref.fileName, kind: "type", line: lineAt(sf, ref.pos), typeOnly: true });
  }
  for (const ref of sf.typeReferenceDirectives) {
    found.push({ specifier: ref.fileName, kind: "type", line: lineAt(sf, ref.pos), typeOnly: true });
  }

  /** Calls already recorded as part of an enclosing one (the `import()` inside `vi.mock(import())`). */
  const seen = new Set<ts.Node>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const spec = literal(node.moduleSpecifier)!;
      const clause = node.importClause;
      if (!clause) add(node, spec, "side-effect");
      else if (isTypeOnlyClause(clause)) add(node, spec, "type", true);
      else add(node, spec, "static");
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const typeOnly =
        node.isTypeOnly ||
        (!!node.exportClause &&
          ts.isNamedExports(node.exportClause) &&
          node.exportClause.elements.length > 0 &&
          node.exportClause.elements.every((e) => e.isTypeOnly));
      add(node, literal(node.moduleSpecifier)!, "re-export", typeOnly);
    } else if (ts.isImportEqualsDeclaration(node)) {
      // `import x = require("x")`; `import x = Foo.Bar` is a namespace alias, not an import.
      if (ts.isExternalModuleReference(node.moduleReference)) {
        const arg = node.moduleReference.expression;
        const text = literal(arg);
        if (text !== undefined) add(node, text, "require", node.isTypeOnly);
        else add(node, arg.getText(sf), "computed");
      }
    } else if (ts.isImportTypeNode(node)) {
      // `import("x").T`, `typeof import("x")`: the argument is a literal type wrapping a string.
      const arg = node.argument;
      const text = ts.isLiteralTypeNode(arg) ? literal(arg.literal) : undefined;
      if (text !== undefined) add(node, text, "import-type", true);
      else add(node, arg.getText(sf), "computed");
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const arg = node.arguments[0];
      if (callee.kind === ts.SyntaxKind.ImportKeyword) {
        if (!seen.has(node)) addCall(node, arg, "dynamic");
      } else if (ts.isIdentifier(callee) && callee.text === "require") {
        addCall(node, arg, "require");
      } else if (
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        callee.expression.text === "vi" &&
        viModuleHelpers.has(callee.name.text)
      ) {
        // `vi.mock(import("./x.ts"))` is also accepted by Vitest: a mock of "./x.ts", not a dynamic import.
        if (arg && ts.isCallExpression(arg) && arg.expression.kind === ts.SyntaxKind.ImportKeyword) {
          addCall(node, arg.arguments[0], "mock");
          seen.add(arg);
        } else {
          addCall(node, arg, "mock");
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found.sort((a, b) => a.line - b.line);
}

/**
 * `import type …`, or named imports that are all marked `type` with no default binding. Under
 * `verbatimModuleSyntax` the latter still loads the module, but the dependency is on types only.
 */
function isTypeOnlyClause(clause: ts.ImportClause): boolean {
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const named = clause.namedBindings;
  return (
    !!named &&
    ts.isNamedImports(named) &&
    named.elements.length > 0 &&
    named.elements.every((e) => e.isTypeOnly)
  );
}

function lineAt(sf: ts.SourceFile, pos: number): number {
  return sf.getLineAndCharacterOfPosition(pos).line + 1;
}
