import { z } from "zod";
import { defineJob } from "../../../queue/catalogue.ts";

/**
 * One initial sync run (C4), resumed from its stored progress after a pause, a crash or a retry.
 * Keyed by run: a second Start or Resume while it waits queues nothing more.
 */
export const initialSync = defineJob({
  name: "initial-sync",
  payload: z.object({ syncId: z.string().min(1) }),
  singletonKey: (p) => p.syncId,
  retry: { limit: 5, delaySeconds: 30, backoff: true },
  expireInSeconds: 4 * 3600,
});
