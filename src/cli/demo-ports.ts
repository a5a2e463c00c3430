/**
 * Ports `fetch` refuses to connect to ("bad port" in the Fetch standard's port blocking list, as
 * Node's fetch applies it). The demo connects to its own web server and to both emulators with
 * fetch, so a port on this list starts fine and then fails with a bare "fetch failed".
 */
export const FETCH_BLOCKED_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

export interface DemoPorts {
  PORT: number;
  DEMO_HUBSPOT_PORT: number;
  DEMO_QBO_PORT: number;
}

/**
 * What is wrong with the demo's ports before anything starts, one sentence per problem naming the
 * variable and what to do: a port fetch refuses, the same port twice, or PORT=0 without a
 * PUBLIC_URL (the vendors' redirect URLs must name the web server's port before it listens).
 */
export function demoPortProblems(ports: DemoPorts, publicUrlSet: boolean): string[] {
  const problems: string[] = [];
  for (const [name, port] of Object.entries(ports)) {
    if (FETCH_BLOCKED_PORTS.has(port)) {
      problems.push(`${name}=${port} is a port fetch refuses to connect to ("bad port"); choose another`);
    }
  }
  if (ports.PORT === 0 && !publicUrlSet) {
    problems.push("PORT=0 cannot be used by the demo: the OAuth redirect URLs need a fixed port; set PORT");
  }
  const entries = Object.entries(ports).filter(([, port]) => port !== 0);
  for (const [i, [name, port]] of entries.entries()) {
    const twin = entries.slice(i + 1).find(([, other]) => other === port);
    if (twin) problems.push(`${name} and ${twin[0]} are both ${port}; give each its own port`);
  }
  return problems;
}

/**
 * A start error rephrased when it is about one of the demo's ports: which variable, which port,
 * and what to do. Anything else is returned as `undefined`.
 */
export function portInUseAdvice(error: unknown, ports: DemoPorts): string | undefined {
  const e = error as { code?: string; port?: number; message?: string };
  const inUse =
    e.code === "EADDRINUSE"
      ? e.port
      : Number(/^Port (\d+) is already in use/.exec(e.message ?? "")?.[1] ?? Number.NaN);
  const denied = e.code === "EACCES" ? e.port : undefined;
  const port = inUse ?? denied;
  if (port === undefined || Number.isNaN(port)) return undefined;
  const names = Object.entries(ports)
    .filter(([, p]) => p === port)
    .map(([name]) => name);
  const name = names.length > 0 ? names.join("/") : "a port";
  if (denied !== undefined) {
    return `${name}=${port} needs administrator rights to listen on; choose a port above 1023`;
  }
  return (
    `${name}=${port} is already in use (another \`npm start\` or \`ledgerlink\` still running?): ` +
    `stop that process or set ${names[0] ?? "the port"} to a free port`
  );
}
