import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Reads Intuit's XSDs (the subset of XML Schema they use) into field lists per complex type, so
 * tests can check that the emulator answers with Intuit's field names only. JSON carries XML
 * attributes as plain properties and a simple-content type's text as `value` (ReferenceType).
 */
interface Node {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}

interface TypeInfo {
  base?: string;
  fields: Map<string, string | undefined>;
  simpleContent: boolean;
  open: boolean;
}

const FILES = ["IntuitBaseTypes.xsd", "IntuitNamesTypes.xsd", "SalesTax.xsd", "Finance.xsd"];

function parse(xml: string): Node {
  const root: Node = { tag: "root", attrs: {}, children: [] };
  const stack = [root];
  const text = xml.replace(/<!--[\s\S]*?-->/g, "").replace(/<xs:annotation>[\s\S]*?<\/xs:annotation>/g, "");
  for (const m of text.matchAll(/<(\/?)(xs:[\w]+)((?:\s+[\w:]+\s*=\s*"[^"]*")*)\s*(\/?)>/g)) {
    const [, closing, tag, rawAttrs, selfClosing] = m as unknown as [string, string, string, string, string];
    if (closing) {
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of rawAttrs.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) attrs[a[1]!] = a[2]!;
    const node: Node = { tag, attrs, children: [] };
    stack.at(-1)!.children.push(node);
    if (!selfClosing) stack.push(node);
  }
  return root;
}

function collect(node: Node, info: TypeInfo, groups: Map<string, Node>, elements: Map<string, string>) {
  for (const child of node.children) {
    switch (child.tag) {
      case "xs:element": {
        const name = child.attrs.name ?? child.attrs.ref;
        if (!name) break;
        info.fields.set(
          name,
          child.attrs.type ?? (child.attrs.ref ? elements.get(child.attrs.ref) : undefined),
        );
        break;
      }
      case "xs:attribute":
        if (child.attrs.name) info.fields.set(child.attrs.name, child.attrs.type);
        break;
      case "xs:any":
        info.open = true;
        break;
      case "xs:group": {
        const group = child.attrs.ref ? groups.get(child.attrs.ref) : undefined;
        if (group) collect(group, info, groups, elements);
        break;
      }
      case "xs:extension":
        info.base = child.attrs.base;
        collect(child, info, groups, elements);
        break;
      case "xs:simpleContent":
        info.simpleContent = true;
        collect(child, info, groups, elements);
        break;
      default:
        collect(child, info, groups, elements);
    }
  }
}

let cache: Map<string, TypeInfo> | undefined;

function types(): Map<string, TypeInfo> {
  if (cache) return cache;
  const dir = dirname(fileURLToPath(import.meta.url));
  const roots = FILES.map((f) => parse(readFileSync(join(dir, f), "utf8")));
  const groups = new Map<string, Node>();
  const elements = new Map<string, string>();
  for (const root of roots) {
    for (const schema of root.children) {
      for (const top of schema.children) {
        if (top.tag === "xs:group" && top.attrs.name) groups.set(top.attrs.name, top);
        if (top.tag === "xs:element" && top.attrs.name && top.attrs.type)
          elements.set(top.attrs.name, top.attrs.type);
      }
    }
  }
  cache = new Map();
  for (const root of roots) {
    for (const schema of root.children) {
      for (const top of schema.children) {
        if (top.tag !== "xs:complexType" || !top.attrs.name) continue;
        const info: TypeInfo = { fields: new Map(), simpleContent: false, open: false };
        collect(top, info, groups, elements);
        cache.set(top.attrs.name, info);
      }
    }
  }
  return cache;
}

/** Every field of a complex type, inherited ones included, with its declared type. */
export function xsdFieldsOf(typeName: string): Map<string, string | undefined> {
  const all = new Map<string, string | undefined>();
  let current: string | undefined = typeName;
  while (current) {
    const info = types().get(current);
    if (!info) break;
    for (const [name, type] of info.fields) if (!all.has(name)) all.set(name, type);
    if (info.simpleContent || isSimple(info.base)) all.set("value", info.base);
    current = info.base;
  }
  return all;
}

function isSimple(base: string | undefined): boolean {
  return base !== undefined && !types().has(base);
}

function isOpen(typeName: string): boolean {
  let current: string | undefined = typeName;
  while (current) {
    const info = types().get(current);
    if (!info) return false;
    if (info.open) return true;
    current = info.base;
  }
  return false;
}

export function hasXsdType(typeName: string): boolean {
  return types().has(typeName);
}

/** Dotted paths of the fields in `json` that Intuit's schema does not define for `typeName`. */
export function unknownFields(typeName: string, json: unknown, path = typeName): string[] {
  if (Array.isArray(json)) return json.flatMap((item, i) => unknownFields(typeName, item, `${path}[${i}]`));
  if (json === null || typeof json !== "object" || isOpen(typeName)) return [];
  const fields = xsdFieldsOf(typeName);
  const out: string[] = [];
  for (const [key, value] of Object.entries(json)) {
    if (!fields.has(key)) {
      out.push(`${path}.${key}`);
      continue;
    }
    const type = fields.get(key)?.replace(/^\w+:/, "");
    if (type && hasXsdType(type)) out.push(...unknownFields(type, value, `${path}.${key}`));
    // A simple type (string, decimal, an enum) has no fields: whatever an object puts under it is
    // unknown. Elements declared without a type are xs:anyType and stay open.
    else if (type) out.push(...fieldsUnder(value, `${path}.${key}`));
  }
  return out;
}

function fieldsUnder(json: unknown, path: string): string[] {
  if (Array.isArray(json)) return json.flatMap((item, i) => fieldsUnder(item, `${path}[${i}]`));
  if (json === null || typeof json !== "object") return [];
  return Object.keys(json).map((key) => `${path}.${key}`);
}
