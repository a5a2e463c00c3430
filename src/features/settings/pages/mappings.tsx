import type { HubSpotPropertyInfo } from "../mapping/compat.ts";
import type { FieldMappingRow } from "../repo/field-mappings.ts";
import type { MappingDirection, MappingObject } from "../../../db/schema/index.ts";
import { QBO_FIELDS } from "../mapping/qbo-fields.ts";
import type { PairChoice } from "../mapping/service.ts";
import { hasMessage, type MessageKey, type Translate } from "../../../web/i18n/index.ts";
import { ConfirmAction } from "../../../web/confirm.tsx";
import { CsrfField, Layout, type PageProps, Notices } from "../../../web/layout.tsx";

const OBJECTS: MappingObject[] = ["contact", "product", "invoice"];

export interface MappingsView {
  companies: Array<{ connectionId: string; companyName: string }>;
  connectionId?: string;
  object: MappingObject;
  rows: FieldMappingRow[];
  properties?: HubSpotPropertyInfo[];
  /** The mapping being edited, with the directions its pair allows. */
  editing?: { row: FieldMappingRow; directions: MappingDirection[] };
  /** The pair chosen in the add form's first step, with the directions it allows (or why none). */
  pair?: PairChoice;
  /** The direction the user had chosen, kept when the form comes back refused. */
  direction?: string;
  flash?: string;
  error?: string;
}

/** M1–M2, P4, V3: the mapping table per object, add, edit, delete, and a new invoice property. */
export function MappingsPage(props: PageProps & MappingsView) {
  const { t } = props;
  const conn = props.connectionId;
  const openName = props.companies.find((c) => c.connectionId === conn)?.companyName ?? "";
  return (
    <Layout {...props} title={t("mappings.title")} section="mappings">
      <p>{t("mappings.intro")}</p>
      <Notices flash={props.flash} error={props.error} />
      {!conn ? (
        <p>{t("sync.noCompany")}</p>
      ) : (
        <>
          <p class="tab-label" id="company-label">
            {t("sync.company")}
          </p>
          <nav class="tabs companies" aria-labelledby="company-label">
            {props.companies.map((c) => (
              <a
                href={`/mappings?company=${c.connectionId}&object=${props.object}`}
                aria-current={c.connectionId === conn ? "page" : undefined}
              >
                {c.companyName}
              </a>
            ))}
          </nav>
          <nav class="tabs" aria-label={t("mappings.objects")}>
            {OBJECTS.map((o) => (
              <a
                href={`/mappings?company=${conn}&object=${o}`}
                aria-current={o === props.object ? "page" : undefined}
              >
                {t(`mappings.object.${o}`)}
              </a>
            ))}
          </nav>
          <div class="tab-panel">
            <h2 id="open-mappings">
              {t("sync.open", { name: openName })} · {t(`mappings.object.${props.object}`)}
            </h2>
            <MappingTable {...props} connectionId={conn} />
          </div>
          {props.editing ? <EditForm {...props} connectionId={conn} editing={props.editing} /> : null}
          {props.properties && !props.editing ? (
            <AddForm {...props} connectionId={conn} properties={props.properties} />
          ) : null}
          {props.object === "invoice" ? (
            <NewPropertyForm t={t} csrf={props.csrfToken} connectionId={conn} />
          ) : null}
        </>
      )}
    </Layout>
  );
}

function MappingTable(props: PageProps & MappingsView & { connectionId: string }) {
  const { t } = props;
  if (props.rows.length === 0) return <p>{t("mappings.empty")}</p>;
  return (
    <table id="mappings" class="data">
      <thead>
        <tr>
          <th>{t("mappings.hubspot")}</th>
          <th>{t("mappings.qbo")}</th>
          <th>{t("mappings.direction")}</th>
          <th></th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr data-mapping={`${row.hubspotProperty}:${row.qboField}`}>
            <td>
              <code>{row.hubspotProperty}</code>
            </td>
            <td>
              <code>{row.qboField}</code>
            </td>
            <td>{t(`mappings.direction.${row.direction}`)}</td>
            <td>{row.isDefault ? t("mappings.default") : t("mappings.custom")}</td>
            <td class="actions">
              <a class="button secondary" href={`/mappings/${props.connectionId}/${row.mappingId}/edit`}>
                {t("mappings.edit")}
              </a>{" "}
              <ConfirmAction
                action={`/mappings/${props.connectionId}/${row.mappingId}/delete`}
                csrfToken={props.csrfToken}
                label={t("mappings.delete")}
                question={t("mappings.delete.question", {
                  property: row.hubspotProperty,
                  field: row.qboField,
                })}
                confirmLabel={t("mappings.delete.confirm")}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PairPickers(props: {
  t: Translate;
  object: MappingObject;
  properties: HubSpotPropertyInfo[];
  names: { property: string; field: string };
  property?: string;
  field?: string;
}) {
  const { t } = props;
  return (
    <>
      <label class="field">
        {t("mappings.hubspot")}
        <select name={props.names.property}>
          {props.properties.map((p) => (
            <option value={p.name} selected={p.name === props.property}>
              {`${p.label} (${p.name}, ${fieldType(t, p.type)})`}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        {t("mappings.qbo")}
        <select name={props.names.field}>
          {QBO_FIELDS[props.object].map((f) => (
            <option value={f.path} selected={f.path === props.field}>
              {`${f.path} (${fieldType(t, f.type)}${f.readOnly ? `, ${t("mappings.readOnly")}` : ""})`}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

/** Only the directions the pair allows; a one-way pair offers just its one. */
function DirectionPicker(props: { t: Translate; directions: MappingDirection[]; direction?: string }) {
  const { t } = props;
  return (
    <label class="field">
      {t("mappings.direction")}
      <select name="direction">
        {props.directions.map((d) => (
          <option value={d} selected={d === props.direction}>
            {t(`mappings.direction.${d}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Adding a mapping in two steps, without JavaScript: choose the pair (a GET form), then its
 * direction from only those the pair allows (M2). A pair that cannot be mapped says why at once.
 */
function AddForm(
  props: PageProps & MappingsView & { connectionId: string; properties: HubSpotPropertyInfo[] },
) {
  const { t, pair } = props;
  return (
    <section id="add">
      <h2>{t("mappings.add")}</h2>
      <form method="get" action="/mappings" id="pick-pair" class="stacked">
        <input type="hidden" name="company" value={props.connectionId} />
        <input type="hidden" name="object" value={props.object} />
        <PairPickers
          t={t}
          object={props.object}
          properties={props.properties}
          names={{ property: "property", field: "field" }}
          property={pair?.hubspotProperty}
          field={pair?.qboField}
        />
        <button type="submit" class="secondary">
          {t("mappings.choosePair")}
        </button>
      </form>
      {pair && !pair.ok ? (
        <p class="banner" role="alert" id="pair-refused">
          {t("mappings.pair.refused", { reason: t(pair.refusal.key as MessageKey, pair.refusal.params) })}
        </p>
      ) : null}
      {pair?.ok ? (
        <form
          method="post"
          action={`/mappings/${props.connectionId}/${props.object}`}
          id="add-mapping"
          class="stacked"
        >
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="hubspotProperty" value={pair.hubspotProperty} />
          <input type="hidden" name="qboField" value={pair.qboField} />
          <p id="chosen-pair">
            {t("mappings.pair.chosen", { property: pair.hubspotProperty, field: pair.qboField })}
          </p>
          <DirectionPicker t={t} directions={pair.directions} direction={props.direction} />
          <button type="submit">{t("mappings.add")}</button>
        </form>
      ) : null}
    </section>
  );
}

function EditForm(
  props: PageProps & MappingsView & { connectionId: string; editing: NonNullable<MappingsView["editing"]> },
) {
  const { row, directions } = props.editing;
  return (
    <form
      method="post"
      action={`/mappings/${props.connectionId}/${row.mappingId}`}
      id="edit-mapping"
      class="stacked"
    >
      <h2>{props.t("mappings.edit")}</h2>
      <CsrfField token={props.csrfToken} />
      <PairPickers
        t={props.t}
        object={props.object}
        properties={
          props.properties ?? [
            {
              name: row.hubspotProperty,
              label: row.hubspotProperty,
              type: "",
              fieldType: "",
              readOnly: false,
            },
          ]
        }
        names={{ property: "hubspotProperty", field: "qboField" }}
        property={row.hubspotProperty}
        field={row.qboField}
      />
      <DirectionPicker t={props.t} directions={directions} direction={row.direction} />
      <p class="actions">
        <button type="submit">{props.t("mappings.save")}</button>{" "}
        <a class="button secondary" href={`/mappings?company=${props.connectionId}&object=${props.object}`}>
          {props.t("mappings.cancel")}
        </a>
      </p>
    </form>
  );
}

function NewPropertyForm(props: { t: Translate; csrf: string; connectionId: string }) {
  const { t } = props;
  return (
    <form
      method="post"
      action={`/mappings/${props.connectionId}/invoice/property`}
      id="new-property"
      class="stacked"
    >
      <h2>{t("mappings.newProperty")}</h2>
      <CsrfField token={props.csrf} />
      <label class="field">
        {t("mappings.newProperty.name")}
        <input type="text" name="name" required pattern="[a-z][a-z0-9_]*" />
      </label>
      <label class="field">
        {t("mappings.newProperty.label")}
        <input type="text" name="label" required />
      </label>
      <label class="field">
        {t("mappings.newProperty.type")}
        <select name="type">
          {(["string", "number", "date"] as const).map((type) => (
            <option value={type}>{t(`mappings.newProperty.type.${type}`)}</option>
          ))}
        </select>
      </label>
      <button type="submit">{t("mappings.newProperty.create")}</button>
    </form>
  );
}

/** A vendor's field type ("string", "enumeration") in the page's language; an unknown one as it is. */
function fieldType(t: Translate, type: string): string {
  const key = `mappings.type.${type}`;
  return hasMessage(key) ? t(key) : type;
}
