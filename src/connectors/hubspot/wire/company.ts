import type { z } from "zod";
import type { Company } from "../../../domain/crm.ts";
import { base, compact, crmObject, propertyMap, textProp } from "./common.ts";
import { wireParser } from "./parse.ts";

/** A HubSpot company (https://developers.hubspot.com/docs/api/crm/companies). Ask for `COMPANY_PROPERTIES`. */
export const COMPANY_PROPERTIES = ["name", "domain", "phone"] as const;

export const companyWire = crmObject({ name: textProp, domain: textProp, phone: textProp });
export type CompanyWire = z.output<typeof companyWire>;

export function toCompany(c: CompanyWire): Company {
  const p = c.properties;
  return compact({ ...base(c), name: p.name, domain: p.domain, phone: p.phone });
}

const parser = wireParser("companies", companyWire, toCompany);
export const parseCompany = parser.one;
export const parseCompanies = parser.list;
export const partitionCompanies = parser.each;

export type CompanyFields = Partial<Pick<Company, "name" | "domain" | "phone">>;

export function companyProperties(c: CompanyFields): Record<string, string> {
  return propertyMap({ name: c.name, domain: c.domain, phone: c.phone });
}
