import { createHmac, randomUUID } from "node:crypto";
import type { ChangeEvent, Operation } from "./store.ts";
import type { QboApp } from "./oauth-store.ts";

/**
 * Webhook payloads as Intuit sends them (docs/vendors/quickbooks.md §7): the legacy `eventNotifications`
 * object or, once an app has switched, an array of CloudEvents. Either way the raw body is signed
 * with the app's verifier token in `intuit-signature`.
 */

/** 0 s, then 10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h, 6 h and every 6 h (§7.4), on the emulator clock. */
export const INTUIT_RETRY_SCHEDULE_MS = [
  10_000, 20_000, 30_000, 300_000, 1_200_000, 7_200_000, 14_400_000, 21_600_000, 21_600_000, 21_600_000,
];

const VERBS: Record<Operation, string> = {
  Create: "created",
  Update: "updated",
  Delete: "deleted",
  Merge: "merged",
  Void: "voided",
  Emailed: "emailed",
};

export function legacyPayload(realmId: string, events: ChangeEvent[]): string {
  return JSON.stringify({
    eventNotifications: [
      {
        realmId,
        dataChangeEvent: {
          entities: events.map((e) => ({
            name: e.entity,
            id: e.id,
            operation: e.operation,
            lastUpdated: e.at.toISOString(),
          })),
        },
      },
    ],
  });
}

export function cloudEventsPayload(realmId: string, events: ChangeEvent[]): string {
  return JSON.stringify(
    events.map((e) => ({
      specversion: "1.0",
      id: randomUUID(),
      source: "intuit.emulator",
      type: `qbo.${e.entity.toLowerCase()}.${VERBS[e.operation]}.v1`,
      datacontenttype: "application/json",
      time: e.at.toISOString(),
      intuitentityid: e.id,
      intuitaccountid: realmId,
      data: {},
    })),
  );
}

export function intuitSignature(verifierToken: string, body: string): string {
  return createHmac("sha256", verifierToken).update(body).digest("base64");
}

export function payloadFor(app: QboApp, realmId: string, events: ChangeEvent[]): string {
  return app.webhookFormat === "cloudevents"
    ? cloudEventsPayload(realmId, events)
    : legacyPayload(realmId, events);
}
