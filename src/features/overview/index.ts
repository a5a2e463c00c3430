/**
 * The overview feature: the home page (installation, database, workers, queue) and the page props
 * every page's route builds its layout from.
 * This file is the feature's only public surface: other features import nothing else from it.
 */
export { pageProps, pageRoutes } from "./routes.tsx";
