import type { HubSpotPropertyInfo } from "../mapping/compat.ts";
import type { FieldMappingRow } from "../repo/field-mappings.ts";
import type { MappingDirection, MappingObject } from "../../../db/schema/index.ts";
import { QBO_FIELDS } from "../mapping/qbo-fields.ts";
import { hasMessage, type Translate } from "../../../web/i18n/index.ts";
import { CsrfField, Layout, type PageProps, Notices } from "../../../web/layout.tsx";

const OBJECTS: MappingObject[] = ["contact", "product", "invoice"];
const DIRECTIONS: MappingDirection[] = ["to_hubspot", "to_qbo", "both"];

export interface MappingsView {
  companies: Array<{ connectionId: string; companyName: string }>;
  connectionId?: string;
  object: MappingObject;
  rows: FieldMappingRow[];
  properties?: HubSpotPropertyInfo[];
  /** The mapping being edited, with the directions its pair allows. */
  editing?: { row: FieldMappingRow; directions: MappingDirection[] };
  flash?: string;
  error?: string;
}

/** M1–M2, P4, V3: the mapping table per object, add, edit, delete, and a new invoice property. */
export function MappingsPage(props: PageProps & MappingsView) {
  const { t } = props;
  const conn = props.connectionId;
  return (
    <Layout {...props} title={t("mappings.title")} section="mappings">
      <p>{t("mappings.intro")}</p>
      <Notices flash={props.flash} error={props.error} />
      {!conn ? (
        <p>{t("sync.noCompany")}</p>
      ) : (
        <>
          <nav class="tabs" aria-label={t("sync.company")}>
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
          <MappingTable {...props} connectionId={conn} />
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
    <table id="mappings">
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
            <td>
              <a href={`/mappings/${props.connectionId}/${row.mappingId}/edit`}>{t("mappings.edit")}</a>{" "}
              <form
                method="post"
                action={`/mappings/${props.connectionId}/${row.mappingId}/delete`}
                class="inline"
              >
                <CsrfField token={props.csrfToken} />
                <button type="submit">{t("mappings.delete")}</button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Pickers(props: {
  t: Translate;
  object: MappingObject;
  properties: HubSpotPropertyInfo[];
  property?: string;
  field?: string;
  directions: MappingDirection[];
  direction?: string;
}) {
  const { t } = props;
  return (
    <>
      <label class="field">
        {t("mappings.hubspot")}
        <select name="hubspotProperty">
          {props.properties.map((p) => (
            <option value={p.name} selected={p.name === props.property}>
              {`${p.label} (${p.name}, ${fieldType(t, p.type)})`}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        {t("mappings.qbo")}
        <select name="qboField">
          {QBO_FIELDS[props.object].map((f) => (
            <option value={f.path} selected={f.path === props.field}>
              {`${f.path} (${fieldType(t, f.type)}${f.readOnly ? `, ${t("mappings.readOnly")}` : ""})`}
            </option>
          ))}
        </select>
      </label>
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
    </>
  );
}

function AddForm(
  props: PageProps & MappingsView & { connectionId: string; properties: HubSpotPropertyInfo[] },
) {
  const directions = props.object === "invoice" ? (["to_hubspot"] as MappingDirection[]) : DIRECTIONS;
  return (
    <form method="post" action={`/mappings/${props.connectionId}/${props.object}`} id="add-mapping">
      <h2>{props.t("mappings.add")}</h2>
      <CsrfField token={props.csrfToken} />
      <Pickers t={props.t} object={props.object} properties={props.properties} directions={directions} />
      <button type="submit">{props.t("mappings.add")}</button>
    </form>
  );
}

function EditForm(
  props: PageProps & MappingsView & { connectionId: string; editing: NonNullable<MappingsView["editing"]> },
) {
  const { row, directions } = props.editing;
  return (
    <form method="post" action={`/mappings/${props.connectionId}/${row.mappingId}`} id="edit-mapping">
      <h2>{props.t("mappings.edit")}</h2>
      <CsrfField token={props.csrfToken} />
      <Pickers
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
        property={row.hubspotProperty}
        field={row.qboField}
        directions={directions}
        direction={row.direction}
      />
      <button type="submit">{props.t("mappings.save")}</button>{" "}
      <a href={`/mappings?company=${props.connectionId}&object=${props.object}`}>
        {props.t("mappings.cancel")}
      </a>
    </form>
  );
}

function NewPropertyForm(props: { t: Translate; csrf: string; connectionId: string }) {
  const { t } = props;
  return (
    <form method="post" action={`/mappings/${props.connectionId}/invoice/property`} id="new-property">
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
