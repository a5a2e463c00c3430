/** The QBO list shapes the wizard's pages show (web/ may not import connectors/ directly). */
export type { QboCustomer, QboItem, QboTaxCode, QboTerm } from "../../../connectors/qbo/lists.ts";
