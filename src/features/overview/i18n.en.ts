/** English strings of the Overview page; Japanese in i18n.ja.ts. */
export const overviewEn = {
  "home.title": "Overview",
  "home.installation": "This installation",
  "home.installedAt": "Running since",
  "home.database": "Database",
  "home.database.pglite": "Embedded PostgreSQL (PGlite) in {dir}",
  "home.database.postgres": "PostgreSQL server",
  "home.migrations": "Database migrations",
  "home.migrations.current": "Up to date ({count} applied)",
  "home.migrations.pending": "{count} pending: run ledgerlink migrate",
  "home.workers": "Workers",
  "home.workers.none": "No worker has reported in the last 2 minutes. Start one with ledgerlink worker.",
  "home.workers.row": "{host} (pid {pid}), last seen {seen}, {jobs} jobs done",
  "home.queue": "Queued jobs",
  "home.queue.empty": "Nothing queued",
  "home.next": "What comes next",
  "home.next.body":
    "Connect HubSpot and QuickBooks Online on the Connections page once it is available; then invoices, sync and reports follow.",
} as const;
