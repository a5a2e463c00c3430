import type { Database } from "../../db/kysely.ts";
import type { Clock } from "../../lib/clock.ts";
import type { JobContext } from "../../queue/catalogue.ts";
import { healthMessage } from "../../web/health-banner.tsx";
import { isLocale, translator } from "../../web/i18n/index.ts";
import { notifyChannels, type AutomationDeps } from "../automations/index.ts";
import { findIncident, markNotified, portalLocale } from "./repo.ts";
import { noticesOf } from "./service.ts";

export interface NotifyDeps {
  db: Database;
  clock: Clock;
  publicUrl?: string;
  /** Absent in a process without outbound settings: the incident stays unnotified and the job fails. */
  automations?: AutomationDeps;
}

/**
 * `notify-incident`: sends one incident through the portal's automation channels, in the portal's
 * language, and sets its notified flag. An incident already notified, or resolved before its turn,
 * is not sent (a replayed job is a no-op). When nothing could be delivered and something may pass
 * later, the job fails so the queue retries it; partial deliveries are not repeated.
 */
export async function notifyIncidentHandler(deps: NotifyDeps, ctx: JobContext<{ incidentId: string }>) {
  const incident = await findIncident(deps.db, ctx.payload.incidentId);
  if (!incident || incident.notifiedAt || incident.resolvedAt) return;
  if (!deps.automations) throw new Error("this worker has no automation settings to notify with");
  const saved = await portalLocale(deps.db, incident.portalId);
  const t = translator(isLocale(saved) ? saved : "en");
  const [notice] = await noticesOf(deps.db, [incident]);
  const message = healthMessage(t, notice!);
  const url = `${deps.publicUrl ?? ""}/`;
  const outcome = await notifyChannels(
    { db: deps.db, clock: deps.clock, automations: deps.automations },
    incident.portalId,
    {
      id: incident.incidentId,
      event: "health.incident_opened",
      subject: t("health.notice.subject"),
      text: `${message}\n\n${t("health.notice.footer", { url })}`,
      data: {
        incident: {
          kind: incident.kind,
          vendor: incident.vendor,
          portalId: incident.portalId,
          connectionId: incident.connectionId,
          objectType: incident.objectType,
          failures: incident.failures,
          detail: incident.detail,
          openedAt: incident.openedAt,
        },
        message,
      },
    },
  );
  ctx.log.info({ incidentId: incident.incidentId, ...outcome }, "health incident notified");
  if (outcome.delivered.length === 0 && outcome.failed.length > 0) throw new Error(outcome.failed.join("; "));
  await markNotified(deps.db, incident.incidentId, deps.clock.now());
}
