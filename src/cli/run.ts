import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { EXIT, type CliIO, type Command } from "./command.ts";
import { demoCommand } from "./commands/demo.ts";
import { doctorCommand } from "./commands/doctor.ts";
import { emulateCommand } from "./commands/emulate.ts";
import { migrateCommand } from "./commands/migrate.ts";
import { rekeyCommand } from "./commands/rekey.ts";
import { serveCommand, workerCommand } from "./commands/run-roles.ts";
import { statusCommand } from "./commands/status.ts";

export const commands: Command[] = [
  demoCommand,
  serveCommand,
  workerCommand,
  migrateCommand,
  rekeyCommand,
  emulateCommand,
  doctorCommand,
  statusCommand,
];

/** The version in package.json: the one `npm` installed, whatever the working directory. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "Usage: ledgerlink <command> [options]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `ledgerlink <command> --help` for a command's options, `ledgerlink --version` (-v) for the version.",
  ].join("\n");
}

/** Parses argv and runs one command; returns the exit code (never calls process.exit itself). */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(overview());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === "--version" || name === "-v") {
    io.out(`ledgerlink ${packageVersion()}`);
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${overview()}`);
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(command.usage);
    return EXIT.ok;
  }
  const refused = refusedArgument(command, rest);
  if (refused) {
    const synopsis = command.usage.split("\n")[0];
    io.err(
      `ledgerlink ${command.name}: ${refused}. Usage: ${synopsis} (see \`ledgerlink ${command.name} --help\`)`,
    );
    return EXIT.usage;
  }
  return command.run(rest, io);
}

/**
 * Checks the arguments against the flags the command declares: an unknown flag, a flag that needs
 * a value without one, or an unexpected argument is one sentence naming it; `undefined` when valid.
 */
export function refusedArgument(command: Command, args: string[]): string | undefined {
  try {
    parseArgs({ args, options: command.flags, allowPositionals: command.positionals ?? false, strict: true });
    return undefined;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    const named = /'([^' ]+)/.exec(message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${named}`;
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return `unexpected argument "${named}"`;
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      return /does not take an argument/.test(message)
        ? `option ${named} takes no value`
        : `option ${named} needs a value`;
    }
    return message.split("\n")[0]!;
  }
}
