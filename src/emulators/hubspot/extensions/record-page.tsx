import type { HsViewer } from "../contract.ts";
import { UserSwitcher } from "../console/user-switcher.tsx";
import type { CardOutcome } from "./card-fetch.ts";
import type { CardAction, CardItem } from "./card-response.ts";
import type { CardDefinition } from "./card-store.ts";
import { CardValue, safeHref } from "./card-value.tsx";
import type { Locale } from "./locale.ts";
import { RECORD_PAGE_SCRIPT, RECORD_PAGE_STYLE } from "./record-page-assets.ts";
import { strings, type Strings } from "./strings.ts";
import type { TimelineEntry } from "./timeline.ts";

/** HubSpot shows the first five items of a card and links to the rest. */
const ITEMS_SHOWN = 5;

export interface RecordPageProps {
  locale: Locale;
  portalId: number;
  typeName: string;
  recordId: string;
  title: string;
  properties: Array<{ name: string; label: string; value: string }>;
  associations: Array<{ label: string; links: Array<{ id: string; title: string; href: string }> }>;
  /** The console's list of this type, and its home (the record page's way back). */
  listHref: string;
  homeHref: string;
  cards: Array<{ card: CardDefinition; outcome: CardOutcome }>;
  /** The record's timeline events, newest first (timeline API v3). */
  timeline?: TimelineEntry[];
  /** Where action hooks are posted (the emulator signs and forwards them). */
  actionPath: string;
  /** This page in the other language. */
  otherLanguageHref: string;
  /** Who is looking, the users they may switch to, and this page's path to come back to. */
  viewer: { current: HsViewer; users: HsViewer[]; back: string };
  notice?: { ok: boolean; message: string };
}

function Layout(props: {
  locale: Locale;
  title: string;
  portalId?: number;
  otherLanguageHref: string;
  homeHref?: string;
  viewer?: RecordPageProps["viewer"];
  children: unknown;
}) {
  const t = strings(props.locale);
  return (
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} | ${t.emulator}`}</title>
        <style dangerouslySetInnerHTML={{ __html: RECORD_PAGE_STYLE }} />
      </head>
      <body>
        <nav class="topbar">
          <a class="brand" href={props.homeHref ?? "/"}>
            {t.emulator}
          </a>
          {props.portalId !== undefined ? <span>{t.portal(props.portalId)}</span> : null}
          {props.portalId !== undefined && props.viewer ? (
            <UserSwitcher
              portalId={props.portalId}
              users={props.viewer.users}
              current={props.viewer.current}
              back={props.viewer.back}
              labels={{ viewingAs: t.viewingAs, switchTo: t.switchUser, superAdmin: t.superAdmin }}
            />
          ) : null}
          <a class="lang" href={props.otherLanguageHref}>
            {t.otherLanguage}
          </a>
        </nav>
        {props.children}
      </body>
    </html>
  );
}

export function RecordPage(props: RecordPageProps) {
  const t = strings(props.locale);
  const typeLabel = t.typeName[props.typeName] ?? props.typeName;
  return (
    <Layout
      locale={props.locale}
      title={props.title}
      portalId={props.portalId}
      otherLanguageHref={props.otherLanguageHref}
      homeHref={props.homeHref}
      viewer={props.viewer}
    >
      {props.notice ? (
        <p class={`notice ${props.notice.ok ? "notice-ok" : "notice-error"}`} role="status">
          {props.notice.message}
        </p>
      ) : null}
      <main class="record">
        <aside class="about">
          <p>
            <a href={props.listHref}>{t.backToList(typeLabel)}</a>
          </p>
          <h1>{props.title}</h1>
          <p class="muted">{t.recordId(typeLabel, props.recordId)}</p>
          <h2>{t.about(typeLabel)}</h2>
          {props.properties.length === 0 ? (
            <p class="muted">{t.noProperties}</p>
          ) : (
            <dl class="properties">
              {props.properties.map((p) => (
                <>
                  <dt title={p.name}>{p.label}</dt>
                  <dd data-property={p.name}>{p.value}</dd>
                </>
              ))}
            </dl>
          )}
          <h2>{t.associations}</h2>
          <dl>
            {props.associations.map((a) => (
              <>
                <dt>{a.label}</dt>
                <dd>
                  {a.links.length === 0
                    ? t.noAssociations
                    : a.links.map((l, i) => (
                        <>
                          {i > 0 ? ", " : ""}
                          <a href={l.href} data-id={l.id}>
                            {l.title}
                          </a>
                        </>
                      ))}
                </dd>
              </>
            ))}
          </dl>
        </aside>
        <section class="cards">
          <h2>{t.cards}</h2>
          {props.cards.length === 0 ? <p class="muted">{t.noCards}</p> : null}
          {props.cards.map(({ card, outcome }) => (
            <CardPanel
              t={t}
              locale={props.locale}
              card={card}
              outcome={outcome}
              actionPath={props.actionPath}
            />
          ))}
        </section>
        <Timeline t={t} locale={props.locale} entries={props.timeline ?? []} />
      </main>
      <dialog id="iframe-modal">
        <header>
          <span class="modal-title" />
          <button type="button" class="modal-close">
            {t.close}
          </button>
        </header>
        <iframe title="card action" src="about:blank" />
      </dialog>
      <dialog id="confirm-modal">
        <p class="confirm-message" />
        <div class="actions">
          <button type="button" class="action primary confirm-yes" />
          <button type="button" class="action confirm-no" />
        </div>
      </dialog>
      <script dangerouslySetInnerHTML={{ __html: RECORD_PAGE_SCRIPT }} />
    </Layout>
  );
}

interface CardProps {
  t: Strings;
  locale: Locale;
  card: CardDefinition;
  actionPath: string;
}

function CardPanel(props: CardProps & { outcome: CardOutcome }) {
  const { t, card, outcome } = props;
  const view = outcome.ok ? outcome.view : undefined;
  return (
    <article class="card" data-card-id={card.id}>
      <header>
        <h3>{card.title}</h3>
        <span class="muted">{t.cardFrom(card.appId)}</span>
        {view?.settings ? (
          <Action {...props} action={view.settings} label={`⚙ ${view.settings.label || t.settings}`} />
        ) : null}
      </header>
      {outcome.ok ? null : (
        <div class="card-error" role="alert">
          <strong>{t.cardError[outcome.reason]}</strong>
          <code>{outcome.detail}</code>
        </div>
      )}
      {view ? (
        <>
          {view.items.length === 0 ? <p class="muted">{t.noItems}</p> : null}
          {view.items.slice(0, ITEMS_SHOWN).map((item) => (
            <Item {...props} item={item} />
          ))}
          {view.totalCount > Math.min(view.items.length, ITEMS_SHOWN) ? (
            <p class="muted">{t.moreItems(view.totalCount - Math.min(view.items.length, ITEMS_SHOWN))}</p>
          ) : null}
          {view.allItems && safeHref(view.allItems.url) ? (
            <p>
              <a href={safeHref(view.allItems.url)} target="_blank" rel="noopener noreferrer">
                {view.allItems.label ?? t.seeAll}
              </a>
            </p>
          ) : null}
          {view.primary || view.secondary.length > 0 ? (
            <div class="actions card-actions">
              {view.primary ? <Action {...props} action={view.primary} primary /> : null}
              {view.secondary.map((action) => (
                <Action {...props} action={action} />
              ))}
            </div>
          ) : null}
          {view.rejectedActions.length > 0 ? (
            <p class="warning">
              {t.rejected} {view.rejectedActions.join(", ")}
            </p>
          ) : null}
        </>
      ) : null}
    </article>
  );
}

function Item(props: CardProps & { item: CardItem }) {
  const { item } = props;
  const href = safeHref(item.link);
  return (
    <section class="card-item">
      <h4>
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer">
            {item.title}
          </a>
        ) : (
          item.title
        )}
      </h4>
      <dl>
        {item.properties.map((prop) => (
          <>
            <dt>{prop.label}</dt>
            <dd>
              <CardValue prop={prop} locale={props.locale} />
            </dd>
          </>
        ))}
      </dl>
      {item.actions.length > 0 ? (
        <div class="actions">
          {item.actions.map((action) => (
            <Action {...props} action={action} />
          ))}
        </div>
      ) : null}
    </section>
  );
}

/** An IFRAME action opens the modal in the page; a hook is a form the emulator signs and forwards. */
function Action(props: CardProps & { action: CardAction; primary?: boolean; label?: string }) {
  const { action, t } = props;
  const label = props.label ?? action.label;
  const className = props.primary ? "action primary" : "action";
  if (action.kind === "IFRAME")
    return (
      <button
        type="button"
        class={className}
        data-iframe-url={action.url}
        data-width={String(action.width ?? "")}
        data-height={String(action.height ?? "")}
        data-label={label}
      >
        {label}
      </button>
    );
  const confirmation = action.confirmation;
  return (
    <form
      method="post"
      action={props.actionPath}
      data-confirm={confirmation ? confirmation.message || label : undefined}
      data-confirm-label={confirmation ? confirmation.confirm || t.confirm : undefined}
      data-cancel-label={confirmation ? confirmation.cancel || t.cancel : undefined}
    >
      <input type="hidden" name="appId" value={String(props.card.appId)} />
      <input type="hidden" name="cardId" value={props.card.id} />
      <input type="hidden" name="url" value={action.url} />
      <input type="hidden" name="httpMethod" value={action.httpMethod ?? "POST"} />
      <input type="hidden" name="properties" value={action.propertyNames.join(",")} />
      <button type="submit" class={className}>
        {label}
      </button>
    </form>
  );
}

export function NotFoundPage(props: {
  locale: Locale;
  portalId: string;
  typeId: string;
  recordId: string;
  otherLanguageHref: string;
}) {
  const t = strings(props.locale);
  return (
    <Layout locale={props.locale} title={t.notFoundTitle} otherLanguageHref={props.otherLanguageHref}>
      <main class="record">
        <section class="about">
          <h1>{t.notFoundTitle}</h1>
          <p>{t.notFound(props.portalId, props.typeId, props.recordId)}</p>
        </section>
      </main>
    </Layout>
  );
}

/** The record's activity timeline as HubSpot shows integration events: header, time, detail, link. */
function Timeline(props: { t: Strings; locale: Locale; entries: TimelineEntry[] }) {
  const { t } = props;
  const when = new Intl.DateTimeFormat(props.locale === "ja" ? "ja-JP" : "en-US", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  return (
    <section class="timeline" aria-label={t.timeline}>
      <h2>{t.timeline}</h2>
      {props.entries.length === 0 ? <p class="muted">{t.noTimeline}</p> : null}
      <ol class="timeline-events">
        {props.entries.map((e) => (
          <li class="timeline-event" data-event-id={e.id}>
            <p class="muted">
              <span>{e.templateName}</span> ·{" "}
              <time datetime={e.timestamp}>{`${when.format(new Date(e.timestamp))} UTC`}</time>
            </p>
            {/* Rendered by timeline-render.ts, which escapes every value before adding markup. */}
            <div class="timeline-header" dangerouslySetInnerHTML={{ __html: e.header }} />
            {e.detail ? (
              <details>
                <summary>{t.timelineDetails}</summary>
                <div class="timeline-detail" dangerouslySetInnerHTML={{ __html: e.detail }} />
              </details>
            ) : null}
            {e.link && safeHref(e.link.url) ? (
              <a class="timeline-link" href={safeHref(e.link.url)} target="_blank" rel="noopener">
                {e.link.label}
              </a>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
