import { EmbeddedDatabaseInUseError, embeddedOwner } from "../../db/embedded-lock.ts";
import { embeddedDatabaseDir, startRuntime } from "../../main.ts";
import { describeCause } from "../causes.ts";
import { EXIT, type Command } from "../command.ts";
import { connectDemo, demoDealUrl, prepareDemoVendors, startDemoEmulators } from "../demo-world.ts";
import { demoPortProblems, portInUseAdvice, type DemoPorts } from "../demo-ports.ts";
import { configOrReport, loggerFor } from "../load-config.ts";

/**
 * `npm start`: both emulators, then the web and a worker in one process on the embedded
 * database, connected to a demo HubSpot portal and two QBO companies through the real OAuth flows.
 */
export const demoCommand: Command = {
  name: "demo",
  summary:
    "Runs Ledgerlink (web + worker) with both emulators on the embedded database: what `npm start` does.",
  flags: {},
  usage:
    "ledgerlink demo\n\nStarts the HubSpot (port 3001) and QuickBooks Online (port 3002) emulators, then the web server\n" +
    "and a worker on the embedded database in LEDGERLINK_DATA_DIR (default ./.ledgerlink), and connects\n" +
    "them through the vendors' OAuth pages. Data and emulator state survive restarts. DATABASE_URL is ignored.\n" +
    "PORT (default 3000), DEMO_HUBSPOT_PORT and DEMO_QBO_PORT choose the ports; each must be free.\n" +
    "Time travel: the banner's Travel forward, or POST /__emulator/clock on either emulator, moves both\n" +
    "emulators and Ledgerlink together, forward only (docs/adr/0025-demo-time-travel.md).",
  async run(_args, io) {
    const env = { ...io.env, DATABASE_URL: undefined };
    const base = configOrReport({ ...io, env });
    if (!base) return EXIT.usage;
    const ports: DemoPorts = {
      PORT: base.port,
      DEMO_HUBSPOT_PORT: base.demoPorts.hubspot,
      DEMO_QBO_PORT: base.demoPorts.qbo,
    };
    // Before the emulators start: their state files live in the same data directory (ADR 0036).
    const owner = embeddedOwner(embeddedDatabaseDir(base));
    if (owner) {
      io.err(`ledgerlink demo: ${new EmbeddedDatabaseInUseError(embeddedDatabaseDir(base), owner).message}`);
      return EXIT.failed;
    }
    const problems = demoPortProblems(ports, Boolean(io.env.PUBLIC_URL?.trim()));
    if (problems.length > 0) {
      io.err(`ledgerlink demo: ${problems.join("; ")}`);
      return EXIT.usage;
    }
    // Every start error says its cause: which port and what to do, or the reason behind "fetch failed".
    const cause = (error: unknown) => portInUseAdvice(error, ports) ?? describeCause(error);
    const logger = loggerFor(base);
    let emulators;
    try {
      emulators = await startDemoEmulators(base.dataDir, base.demoPorts);
    } catch (error) {
      io.err(`ledgerlink demo: could not start the emulators: ${cause(error)}`);
      return EXIT.failed;
    }
    try {
      const config = configOrReport({ ...io, env }, emulators.env);
      if (!config) return EXIT.usage;
      // The emulators' shared clock: time travel moves all three at once (docs/adr/0025-demo-time-travel.md).
      const runtime = await startRuntime(config, { web: true, worker: true }, logger, emulators.clock);
      try {
        const vendors = await prepareDemoVendors(emulators, config.publicUrl);
        const realms = await runtime.database.db.selectFrom("qboConnections").select("realmId").execute();
        const have = realms.map((r) => r.realmId);
        if (![vendors.realms.us, vendors.realms.uk].every((r) => have.includes(r))) {
          await connectDemo(runtime.url ?? config.publicUrl, vendors, { realms: have });
        }
        const stopped = io.untilStopped(); // before the first line a script may act on
        io.out(`Ledgerlink demo running: ${runtime.url}`);
        io.out(
          `HubSpot emulator: ${emulators.hubspot.url}   QuickBooks Online emulator: ${emulators.qbo.url}`,
        );
        const deal = await demoDealUrl(emulators, vendors.portalId);
        if (deal) io.out(`A demo deal in HubSpot: ${deal}`);
        io.out(
          `Demo clock: ${emulators.clock.now().toISOString()} (Travel forward on Ledgerlink's banner, or POST /__emulator/clock on either emulator)`,
        );
        io.out(`Data directory: ${config.dataDir} (delete it to start over). Press Ctrl+C to stop.`);
        await stopped;
      } finally {
        await runtime.close();
      }
      return EXIT.ok;
    } catch (error) {
      io.err(`ledgerlink demo: ${cause(error)}`);
      return EXIT.failed;
    } finally {
      await emulators.close();
    }
  },
};
