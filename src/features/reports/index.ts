/**
 * The reports feature: revenue and receivables read from the invoices and payments Ledgerlink follows.
 * This file is the feature's only public surface: other features import nothing else from it.
 */
export { reportRoutes } from "./routes.tsx";
