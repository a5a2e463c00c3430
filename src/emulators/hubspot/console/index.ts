export { consoleRoutes, PAGE_SIZE } from "./routes.tsx";
export type { ConsoleOptions } from "./request.ts";
