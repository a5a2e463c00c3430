export { reportsEn } from "./i18n.en.ts";
export { reportsJa } from "./i18n.ja.ts";
export { reportRoutes } from "./routes.tsx";
