import type { z } from "zod";

/**
 * Renders `.env.example` from the configuration schema, so the file operators copy can never miss
 * a variable or show a stale default. It reads only what every zod type answers (parsing "unset",
 * the description, the enum values), so a variable of any type added to the schema renders without
 * a change here.
 */

/** Variables that compose.yaml reads for itself (Ledgerlink never does), with their line. */
export const composeOnlyVariables: Readonly<Record<string, string>> = {
  POSTGRES_PASSWORD:
    "password of the `ledgerlink` PostgreSQL role compose.yaml creates; letters and digits only (openssl rand -hex 24)",
};

export const ENV_EXAMPLE_COMMAND = "npm run env:example";

type Field = z.ZodType;

const header = [
  "# Ledgerlink's configuration: every variable it reads, with its default.",
  `# Generated from src/config.ts by \`${ENV_EXAMPLE_COMMAND}\`: change the schema or its descriptions`,
  "# there and rerun the command; never edit this file by hand.",
  "#",
  "# Copy it to .env (docker compose) or /etc/ledgerlink/ledgerlink.env (systemd) and fill in what",
  "# you need. An empty or commented-out variable takes its default. See docs/deploy.md.",
];

/** The text of `.env.example`; throws, naming them, when variables have no description. */
export function renderEnvExample(
  shape: Readonly<Record<string, Field>>,
  descriptions: Readonly<Record<string, string | undefined>>,
): string {
  const undescribed = Object.keys(shape).filter((name) => !describe(shape[name]!, descriptions[name]));
  if (undescribed.length > 0) {
    throw new Error(
      `No description for ${undescribed.join(", ")}: add a line to configDescriptions in src/config.ts ` +
        `(or .describe("…") on the schema), then run \`${ENV_EXAMPLE_COMMAND}\`.`,
    );
  }
  const blocks = Object.entries(shape).map(([name, field]) =>
    variableBlock(name, field, describe(field, descriptions[name])!),
  );
  const composeBlocks = Object.entries(composeOnlyVariables).map(([name, line]) =>
    [`# ${line} [required by compose.yaml]`, `${name}=`].join("\n"),
  );
  return [
    header.join("\n"),
    ...blocks,
    "# ---- Read by compose.yaml only; Ledgerlink itself ignores these ----",
    ...composeBlocks,
  ]
    .join("\n\n")
    .concat("\n");
}

function describe(field: Field, fromMap: string | undefined): string | undefined {
  const line = fromMap ?? field.description;
  return line?.trim() || undefined;
}

function variableBlock(name: string, field: Field, description: string): string {
  const unset = field.safeParse(undefined);
  const choices = enumValues(field);
  const facts = [
    ...(choices ? [`one of: ${choices.join(", ")}`] : []),
    !unset.success ? "required" : unset.data === undefined ? "optional" : `default: ${envValue(unset.data)}`,
  ];
  const comment = `# ${description} [${facts.join("; ")}]`;
  // A default is shown commented out, so the schema stays the one place that sets it.
  const line = unset.success && unset.data !== undefined ? `# ${name}=${envValue(unset.data)}` : `${name}=`;
  return `${comment}\n${line}`;
}

/** The values of an enum, looking through wrappers (default, optional, pipe…); else undefined. */
function enumValues(field: Field): string[] | undefined {
  const def = (field as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (def.type === "enum") return Object.values(def.entries as Record<string, string | number>).map(String);
  if (def.type === "literal") return (def.values as unknown[]).map(String);
  const inner = (def.innerType ?? def.in) as Field | undefined;
  return inner ? enumValues(inner) : undefined;
}

/** A parsed default written back as the environment would spell it. */
function envValue(value: unknown): string {
  const text = Array.isArray(value)
    ? value.map(String).join(",")
    : typeof value === "object" && value !== null
      ? JSON.stringify(value)
      : String(value);
  // Both compose's .env and systemd's EnvironmentFile read double quotes; plain words need none.
  return /[\s#"'$\\`]/.test(text) ? JSON.stringify(text) : text;
}
