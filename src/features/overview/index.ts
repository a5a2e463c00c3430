export { pageProps, pageRoutes } from "./routes.tsx";
