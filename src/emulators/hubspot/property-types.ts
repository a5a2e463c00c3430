/** The shapes of HubSpot's Properties API (docs/vendors/hubspot.md §5). */

export const PROPERTY_TYPES = [
  "bool",
  "date",
  "datetime",
  "enumeration",
  "number",
  "phone_number",
  "string",
] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

export const FIELD_TYPES = [
  "booleancheckbox",
  "calculation_equation",
  "checkbox",
  "date",
  "file",
  "html",
  "number",
  "phonenumber",
  "radio",
  "select",
  "text",
  "textarea",
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Which field types each type may be shown with (docs/vendors/hubspot.md §5). */
export const ALLOWED_FIELD_TYPES: Record<PropertyType, readonly FieldType[]> = {
  bool: ["booleancheckbox"],
  enumeration: ["select", "radio", "checkbox", "booleancheckbox"],
  string: ["text", "textarea", "html", "file", "phonenumber"],
  number: ["number", "calculation_equation"],
  date: ["date"],
  datetime: ["date"],
  phone_number: ["phonenumber"],
};

export interface PropertyOption {
  label: string;
  value: string;
  description?: string;
  displayOrder: number;
  hidden: boolean;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: FieldType;
  description: string;
  groupName: string;
  options: PropertyOption[];
  displayOrder: number;
  calculated: boolean;
  externalOptions: boolean;
  hasUniqueValue: boolean;
  hidden: boolean;
  hubspotDefined: boolean;
  modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean };
  formField: boolean;
  dataSensitivity: "non_sensitive";
  /** `OWNER` for owner properties: values must be owner ids of the portal. */
  referencedObjectType?: string;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}
