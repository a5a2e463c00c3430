import { Layout, type PageProps } from "../../../web/layout.tsx";
import type { WorkerBeat } from "../../../db/instance.ts";

export interface HomeFacts {
  installedAt: Date;
  database: { kind: "pglite" | "postgres"; dataDir: string };
  migrations: { applied: number; pending: number };
  workers: WorkerBeat[];
  queue: Array<{ name: string; queued: number }>;
}

/** The overview: real facts about this installation, nothing invented. */
export function HomePage(props: PageProps & { facts: HomeFacts }) {
  const { t, facts, locale } = props;
  const when = (d: Date) =>
    d.toLocaleString(locale === "ja" ? "ja-JP" : "en-US", { timeZone: "UTC" }) + " UTC";
  const queued = facts.queue.filter((q) => q.queued > 0);
  return (
    <Layout {...props} title={t("home.title")} section="home">
      <p class="lead">{t("app.tagline")}</p>
      <section>
        <h2>{t("home.installation")}</h2>
        <dl class="facts">
          <dt>{t("home.installedAt")}</dt>
          <dd data-testid="installed-at">{when(facts.installedAt)}</dd>
          <dt>{t("home.database")}</dt>
          <dd>
            {facts.database.kind === "pglite"
              ? t("home.database.pglite", { dir: facts.database.dataDir })
              : t("home.database.postgres")}
          </dd>
          <dt>{t("home.migrations")}</dt>
          <dd>
            {facts.migrations.pending === 0
              ? t("home.migrations.current", { count: facts.migrations.applied })
              : t("home.migrations.pending", { count: facts.migrations.pending })}
          </dd>
          <dt>{t("home.workers")}</dt>
          <dd>
            {facts.workers.length === 0 ? (
              t("home.workers.none")
            ) : (
              <ul>
                {facts.workers.map((w) => (
                  <li>
                    {t("home.workers.row", {
                      host: w.hostname,
                      pid: w.pid,
                      seen: when(w.lastSeenAt),
                      jobs: w.jobsCompleted,
                    })}
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>{t("home.queue")}</dt>
          <dd>
            {queued.length === 0 ? (
              t("home.queue.empty")
            ) : (
              <ul>
                {queued.map((q) => (
                  <li>
                    <code>{q.name}</code>: {q.queued}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </section>
      <section>
        <h2>{t("home.next")}</h2>
        <p>{t("home.next.body")}</p>
      </section>
    </Layout>
  );
}
