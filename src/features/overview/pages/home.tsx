import { Layout, type PageProps } from "../../../web/layout.tsx";
import type { WorkerBeat } from "../../../db/instance.ts";
import type { ConnectedAccounts } from "../service.ts";

export interface HomeFacts {
  installedAt: Date;
  database: { kind: "pglite" | "postgres"; dataDir: string };
  migrations: { applied: number; pending: number };
  workers: WorkerBeat[];
  queue: Array<{ name: string; queued: number }>;
  /** The signed-in user's portal and companies; absent when nobody is signed in. */
  accounts?: ConnectedAccounts;
}

/**
 * What is connected, said as it is: the portal and each company with its status, and a link to
 * Connections for whatever is missing or needs reconnecting (never "once it is available").
 */
function Accounts(props: { t: PageProps["t"]; accounts?: ConnectedAccounts }) {
  const { t, accounts } = props;
  if (!accounts)
    return (
      <section id="accounts">
        <h2>{t("home.accounts")}</h2>
        <p>
          <a href="/signin">{t("home.accounts.signin")}</a>
        </p>
      </section>
    );
  const missingQbo = accounts.companies.length === 0;
  const broken =
    accounts.companies.some((c) => c.status !== "active") || accounts.hubspot?.status !== "active";
  return (
    <section id="accounts">
      <h2>{t("home.accounts")}</h2>
      <ul>
        <li data-account="hubspot">
          {accounts.hubspot
            ? t(`home.accounts.hubspot.${accounts.hubspot.status}`, { portal: accounts.hubspot.portalId })
            : t("home.accounts.hubspot.none")}
        </li>
        {accounts.companies.map((c) => (
          <li data-account="qbo">{t(`home.accounts.qbo.${c.status}`, { name: c.companyName })}</li>
        ))}
        {missingQbo ? <li data-account="qbo-none">{t("home.accounts.qbo.none")}</li> : null}
      </ul>
      <p>
        {missingQbo || broken ? (
          <a href="/connections">{t("home.accounts.connect")}</a>
        ) : (
          <>
            {t("home.accounts.next")} <a href="/invoices">{t("nav.invoices")}</a> ·{" "}
            <a href="/sync">{t("nav.sync")}</a> · <a href="/reports">{t("nav.reports")}</a>
          </>
        )}
      </p>
    </section>
  );
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
      <Accounts t={t} accounts={facts.accounts} />
    </Layout>
  );
}
