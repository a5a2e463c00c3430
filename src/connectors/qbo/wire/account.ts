import { z } from "zod";
import type { Account } from "../../../domain/accounting.ts";
import { compact, entityBase } from "./common.ts";
import { wireParser } from "./parse.ts";

/**
 * A QBO Account (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/account):
 * record sync books the items it creates to an income account. A name is not required here: an
 * account without one can still be booked to.
 */
export const accountWire = z.looseObject({
  ...entityBase,
  Name: z.string().optional(),
  AccountType: z.string().optional(),
});
export type AccountWire = z.output<typeof accountWire>;

export function toAccount(a: AccountWire): Account {
  return compact({ id: a.Id, name: a.Name ?? "", type: a.AccountType });
}

const parser = wireParser("Account", accountWire, toAccount);
export const parseAccount = parser.one;
export const parseAccounts = parser.list;
export const partitionAccounts = parser.each;
