import { EXIT, type CliIO, type Command } from "./command.ts";
import { demoCommand } from "./commands/demo.ts";
import { doctorCommand } from "./commands/doctor.ts";
import { emulateCommand } from "./commands/emulate.ts";
import { migrateCommand } from "./commands/migrate.ts";
import { serveCommand, workerCommand } from "./commands/run-roles.ts";
import { statusCommand } from "./commands/status.ts";

export const commands: Command[] = [
  demoCommand,
  serveCommand,
  workerCommand,
  migrateCommand,
  emulateCommand,
  doctorCommand,
  statusCommand,
];

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "Usage: ledgerlink <command> [options]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `ledgerlink <command> --help` for a command's options.",
  ].join("\n");
}

/** Parses argv and runs one command; returns the exit code (never calls process.exit itself). */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(overview());
    return name ? EXIT.ok : EXIT.usage;
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
  return command.run(rest, io);
}
