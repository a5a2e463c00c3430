import type { HubSpotCore } from "../contract.ts";
import type { AccessTokenCheck } from "./access-token.ts";
import { renderTemplate } from "./timeline-render.ts";
import { Hono } from "hono";
import { timelineEventRoutes } from "./timeline-event-routes.ts";
import { timelineTemplateRoutes } from "./timeline-template-routes.ts";
import { TimelineStore, type TimelineStoreJson } from "./timeline-store.ts";

/** One event as a record page shows it: rendered header and detail, when, and its link. */
export interface TimelineEntry {
  id: string;
  templateName: string;
  header: string;
  detail: string;
  timestamp: string;
  link?: { label: string; url: string };
}

/** Timeline event templates and events (docs/vendors/hubspot.md §15), and the record pages' view of them. */
export function timelineExtension(core: HubSpotCore & AccessTokenCheck) {
  const store = new TimelineStore();
  const routes = new Hono({ strict: false });
  routes.route("/", timelineTemplateRoutes(core, store));
  routes.route("/", timelineEventRoutes(core, store));
  return {
    store,
    routes,
    /** A record's events, newest first, rendered as HubSpot's timeline shows them. */
    entries(portalId: number, objectType: string, objectId: string): TimelineEntry[] {
      return store.eventsOn(portalId, objectType, objectId).map((event) => {
        const template = store.templateById(event.eventTemplateId);
        return {
          id: event.id,
          templateName: template?.name ?? event.eventTemplateId,
          header: renderTemplate(template?.headerTemplate, event),
          detail: renderTemplate(template?.detailTemplate, event),
          timestamp: event.timestamp,
          ...(event.timelineIFrame
            ? { link: { label: event.timelineIFrame.linkLabel, url: event.timelineIFrame.url } }
            : {}),
        };
      });
    },
    snapshot: (): TimelineStoreJson => store.toJSON(),
    restore: (saved: TimelineStoreJson) => store.restore(saved),
    reset: () => store.reset(),
  };
}

export type TimelineExtension = ReturnType<typeof timelineExtension>;
