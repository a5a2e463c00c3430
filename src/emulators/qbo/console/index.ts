export { consoleRoutes } from "./routes.tsx";
