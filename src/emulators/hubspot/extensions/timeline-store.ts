/**
 * Timeline event templates (per app) and their events (per portal), as HubSpot's timeline API v3
 * keeps them (docs/vendors/hubspot.md §15). Templates belong to an app, not to a portal: every
 * portal that installed the app can receive events made from them. An event id is unique per app
 * and template, so a second event with the same id is refused (409), which is what lets an
 * integration write each event exactly once by choosing the id itself.
 */

export const TOKEN_TYPES = ["string", "number", "date", "enumeration"] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];
/** The CRM objects a template can be for (HubSpot: contacts, companies, deals, tickets). */
export const TEMPLATE_OBJECT_TYPES = ["contacts", "companies", "deals", "tickets"] as const;

export interface TemplateToken {
  name: string;
  label: string;
  type: TokenType;
  options: Array<{ label: string; value: string }>;
  objectPropertyName?: string;
  createdAt: string;
  updatedAt: string;
}

export interface EventTemplate {
  id: string;
  appId: number;
  name: string;
  objectType: string;
  headerTemplate?: string;
  detailTemplate?: string;
  tokens: TemplateToken[];
  createdAt: string;
  updatedAt: string;
}

export interface TimelineIFrame {
  linkLabel: string;
  headerLabel: string;
  url: string;
  width: number;
  height: number;
}

export interface TimelineEvent {
  id: string;
  appId: number;
  portalId: number;
  eventTemplateId: string;
  objectType: string;
  objectId: string;
  email?: string;
  tokens: Record<string, string>;
  extraData?: unknown;
  timelineIFrame?: TimelineIFrame;
  domain?: string;
  utk?: string;
  /** ISO-8601; when the event happened (the caller's `timestamp`, else when it was received). */
  timestamp: string;
  createdAt: string;
}

export interface TimelineStoreJson {
  nextTemplateId: number;
  templates: EventTemplate[];
  events: TimelineEvent[];
}

/** HubSpot's template ids are large numbers; ours count from here so they look alike. */
const FIRST_TEMPLATE_ID = 1001001;

export class TimelineStore {
  private nextTemplateId = FIRST_TEMPLATE_ID;
  private readonly templates = new Map<string, EventTemplate>();
  /** Keyed by app, template and event id: the uniqueness HubSpot enforces. */
  private readonly events = new Map<string, TimelineEvent>();

  newTemplateId(): string {
    return String(this.nextTemplateId++);
  }

  templatesOf(appId: number): EventTemplate[] {
    return [...this.templates.values()].filter((t) => t.appId === appId);
  }

  template(appId: number, id: string): EventTemplate | undefined {
    const t = this.templates.get(id);
    return t && t.appId === appId ? t : undefined;
  }

  saveTemplate(template: EventTemplate): void {
    this.templates.set(template.id, template);
  }

  deleteTemplate(appId: number, id: string): boolean {
    if (!this.template(appId, id)) return false;
    this.templates.delete(id);
    for (const [key, e] of this.events) if (e.eventTemplateId === id) this.events.delete(key);
    return true;
  }

  event(appId: number, templateId: string, id: string): TimelineEvent | undefined {
    return this.events.get(eventKey(appId, templateId, id));
  }

  /** False when an event with this id already exists for the app and template. */
  addEvent(event: TimelineEvent): boolean {
    const key = eventKey(event.appId, event.eventTemplateId, event.id);
    if (this.events.has(key)) return false;
    this.events.set(key, event);
    return true;
  }

  /** A record's events, newest first (as HubSpot's timeline shows them). */
  eventsOn(portalId: number, objectType: string, objectId: string): TimelineEvent[] {
    return [...this.events.values()]
      .filter((e) => e.portalId === portalId && e.objectType === objectType && e.objectId === objectId)
      .sort((a, b) => b.timestamp.localeCompare(a.timestamp) || b.createdAt.localeCompare(a.createdAt));
  }

  templateById(id: string): EventTemplate | undefined {
    return this.templates.get(id);
  }

  toJSON(): TimelineStoreJson {
    return {
      nextTemplateId: this.nextTemplateId,
      templates: [...this.templates.values()],
      events: [...this.events.values()],
    };
  }

  restore(saved: TimelineStoreJson): void {
    this.reset();
    this.nextTemplateId = saved.nextTemplateId;
    for (const t of saved.templates) this.templates.set(t.id, t);
    for (const e of saved.events) this.events.set(eventKey(e.appId, e.eventTemplateId, e.id), e);
  }

  reset(): void {
    this.nextTemplateId = FIRST_TEMPLATE_ID;
    this.templates.clear();
    this.events.clear();
  }
}

const eventKey = (appId: number, templateId: string, id: string) => `${appId}\u0000${templateId}\u0000${id}`;
