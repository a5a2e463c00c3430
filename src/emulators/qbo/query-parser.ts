/**
 * The QBO query language (docs/vendors/quickbooks.md §5), parsed as Intuit accepts it from real clients:
 * keywords, entity names and property paths case-insensitively (node-quickbooks sends lowercase),
 * `ORDERBY` or `ORDER BY`, strings in single quotes with `\'` escapes, AND only (no OR).
 * Errors carry the messages QBO answers with (4000 parse error).
 */
export type Operator = "=" | "<" | ">" | "<=" | ">=" | "IN" | "LIKE";
export type Literal = string | number | boolean;

export interface Condition {
  /** Property path as written, e.g. `MetaData.LastUpdatedTime`. */
  field: string;
  op: Operator;
  value: Literal | Literal[];
}

export interface ParsedQuery {
  count: boolean;
  entity: string;
  where: Condition[];
  orderBy?: { field: string; dir: "ASC" | "DESC" };
  startPosition?: number;
  maxResults?: number;
}

export class QueryParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QueryParseError";
  }
}

type Token =
  | { t: "word"; v: string }
  | { t: "string"; v: string }
  | { t: "number"; v: number }
  | { t: "op"; v: string }
  | { t: "punct"; v: "(" | ")" | "," | "*" };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new QueryParseError("Encountered unterminated string literal");
        const c = text[i]!;
        if (c === "\\" && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
        } else if (c === "'") {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      tokens.push({ t: "string", v: value });
    } else if (/[<>=]/.test(ch)) {
      const two = text.slice(i, i + 2);
      const op = two === "<=" || two === ">=" ? two : ch;
      tokens.push({ t: "op", v: op });
      i += op.length;
    } else if ("(),*".includes(ch)) {
      tokens.push({ t: "punct", v: ch as "(" | ")" | "," | "*" });
      i++;
    } else if (/[-\d]/.test(ch)) {
      const m = /^-?\d+(\.\d+)?/.exec(text.slice(i));
      if (!m) throw new QueryParseError(`Encountered " "${ch}" " at line 1, column ${i + 1}`);
      tokens.push({ t: "number", v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i))!;
      tokens.push({ t: "word", v: m[0] });
      i += m[0].length;
    } else {
      throw new QueryParseError(`Encountered " "${ch}" " at line 1, column ${i + 1}`);
    }
  }
  return tokens;
}

class Cursor {
  #i = 0;
  constructor(private readonly tokens: Token[]) {}
  peek(): Token | undefined {
    return this.tokens[this.#i];
  }
  next(what: string): Token {
    const token = this.tokens[this.#i++];
    if (!token) throw new QueryParseError(`Encountered "<EOF>" at line 1. Was expecting ${what}`);
    return token;
  }
  keyword(word: string): boolean {
    const token = this.peek();
    if (token?.t === "word" && token.v.toUpperCase() === word) {
      this.#i++;
      return true;
    }
    return false;
  }
  expectKeyword(word: string): void {
    if (!this.keyword(word))
      throw new QueryParseError(`Encountered "${describe(this.peek())}". Was expecting "${word}"`);
  }
  done(): boolean {
    return this.#i >= this.tokens.length;
  }
}

const describe = (t: Token | undefined) => (t ? String(t.v) : "<EOF>");

function literal(c: Cursor): Literal {
  const token = c.next("a value");
  if (token.t === "string" || token.t === "number") return token.v;
  if (token.t === "word" && /^(true|false)$/i.test(token.v)) return token.v.toLowerCase() === "true";
  throw new QueryParseError(`Encountered "${describe(token)}". Was expecting a value`);
}

function condition(c: Cursor): Condition {
  const field = c.next("a property");
  if (field.t !== "word")
    throw new QueryParseError(`Encountered "${describe(field)}". Was expecting a property`);
  const op = c.next("an operator");
  if (op.t === "op") return { field: field.v, op: op.v as Operator, value: literal(c) };
  if (op.t === "word" && op.v.toUpperCase() === "LIKE") {
    const value = literal(c);
    if (typeof value !== "string") throw new QueryParseError("LIKE needs a string value");
    return { field: field.v, op: "LIKE", value };
  }
  if (op.t === "word" && op.v.toUpperCase() === "IN") {
    const open = c.next("(");
    if (open.t !== "punct" || open.v !== "(")
      throw new QueryParseError(`Encountered "${describe(open)}". Was expecting "("`);
    const values: Literal[] = [literal(c)];
    for (;;) {
      const sep = c.next(") or ,");
      if (sep.t === "punct" && sep.v === ")") break;
      if (sep.t !== "punct" || sep.v !== ",")
        throw new QueryParseError(`Encountered "${describe(sep)}". Was expecting ","`);
      values.push(literal(c));
    }
    return { field: field.v, op: "IN", value: values };
  }
  throw new QueryParseError(`Encountered "${describe(op)}". Was expecting an operator`);
}

function positiveInt(c: Cursor, what: string): number {
  const token = c.next(what);
  if (token.t !== "number" || !Number.isInteger(token.v) || token.v < 0) {
    throw new QueryParseError(`Encountered "${describe(token)}". Was expecting a number after ${what}`);
  }
  return token.v;
}

export function parseQuery(text: string): ParsedQuery {
  const c = new Cursor(tokenize(text));
  c.expectKeyword("SELECT");
  let count = false;
  const star = c.next("*");
  if (star.t === "word" && star.v.toUpperCase() === "COUNT") {
    const parts = [c.next("("), c.next("*"), c.next(")")].map((t) => t.v).join("");
    if (parts !== "(*)") throw new QueryParseError("Was expecting COUNT(*)");
    count = true;
  } else if (!(star.t === "punct" && star.v === "*")) {
    throw new QueryParseError(
      `Encountered "${describe(star)}". Was expecting "*" (QBO returns whole entities only)`,
    );
  }
  c.expectKeyword("FROM");
  const entity = c.next("an entity");
  if (entity.t !== "word" || entity.v.includes("."))
    throw new QueryParseError(`Encountered "${describe(entity)}". Was expecting an entity`);
  const query: ParsedQuery = { count, entity: entity.v, where: [] };
  if (c.keyword("WHERE")) {
    query.where.push(condition(c));
    while (c.keyword("AND")) query.where.push(condition(c));
    if (c.peek()?.t === "word" && String(c.peek()!.v).toUpperCase() === "OR") {
      throw new QueryParseError('Encountered "OR". OR is not supported');
    }
  }
  if (c.keyword("ORDERBY") || (c.keyword("ORDER") && (c.expectKeyword("BY"), true))) {
    const field = c.next("a property");
    if (field.t !== "word")
      throw new QueryParseError(`Encountered "${describe(field)}". Was expecting a property`);
    const dir = c.keyword("DESC") ? "DESC" : (c.keyword("ASC"), "ASC");
    query.orderBy = { field: field.v, dir };
  }
  if (c.keyword("STARTPOSITION")) query.startPosition = positiveInt(c, "STARTPOSITION");
  if (c.keyword("MAXRESULTS")) query.maxResults = positiveInt(c, "MAXRESULTS");
  if (!c.done()) throw new QueryParseError(`Encountered "${describe(c.peek())}" after the end of the query`);
  return query;
}
