/**
 * The demo's time travel: the "Travel forward" route behind the demo banner (web/demo-banner.tsx).
 * This file is the feature's only public surface.
 */
export { timeTravelRoutes } from "./routes.tsx";
