import { z } from "zod";
import type { HsWorkflowAction, HsWorkflowConsole, HubSpotCore } from "../contract.ts";
import type { ActionDefinition, ActionStore } from "./action-store.ts";
import { signatureHeaders } from "./signatures.ts";
import type { WorkflowRunner } from "./workflow-runner.ts";
import { startRun } from "./workflow-start.ts";

/** HubSpot's answer from an input field's `optionsUrl` (docs/vendors/hubspot.md §11). */
const optionsAnswer = z.looseObject({
  options: z.array(z.looseObject({ label: z.string(), value: z.union([z.string(), z.number()]) })),
});
const OPTIONS_TIMEOUT_MS = 5000;

/** A definition's per-language labels: `labels.{lang}.actionName` and `inputFieldLabels`. */
function labelsOf(definition: ActionDefinition) {
  return Object.entries(definition.labels).map(([lang, l]) => ({
    lang,
    actionName: l.actionName,
    fields: (l as { inputFieldLabels?: Record<string, string> }).inputFieldLabels ?? {},
  }));
}

function summary(definition: ActionDefinition): HsWorkflowAction {
  const labels = labelsOf(definition);
  return {
    appId: definition.appId,
    actionId: definition.id,
    names: Object.fromEntries(labels.map((l) => [l.lang, l.actionName])),
    objectTypes: definition.objectTypes.map((t) => t.toUpperCase()),
    inputFields: definition.inputFields.map((f) => ({
      name: f.typeDefinition.name,
      type: f.typeDefinition.type,
      fieldType: f.typeDefinition.fieldType,
      isRequired: f.isRequired,
      options: f.typeDefinition.options,
      fetchesOptions: f.typeDefinition.optionsUrl !== undefined,
      labels: Object.fromEntries(
        labels.flatMap((l) => {
          const label = l.fields[f.typeDefinition.name];
          return typeof label === "string" ? [[l.lang, label]] : [];
        }),
      ),
    })),
  };
}

/** The workflows extension as the console sees it: what can run, running it, and what ran. */
export function workflowConsole(
  core: HubSpotCore,
  store: ActionStore,
  runner: WorkflowRunner,
  fetchImpl: typeof fetch = fetch,
): HsWorkflowConsole {
  return {
    actions: () =>
      store
        .live()
        .filter((d) => d.published && core.appById(d.appId))
        .map(summary),
    async fieldOptions(portalId, appId, actionId, fieldName) {
      const definition = store.get(appId, actionId);
      const app = core.appById(appId);
      const field = definition?.inputFields.find((f) => f.typeDefinition.name === fieldName);
      const url = field?.typeDefinition.optionsUrl;
      if (!definition || !app || !url) return undefined;
      // The request HubSpot's workflow editor sends when a user opens the dropdown.
      const body = JSON.stringify({
        origin: {
          portalId,
          actionDefinitionId: Number(definition.id),
          actionDefinitionVersion: Number(definition.revisionId),
        },
        inputFieldName: fieldName,
        inputFields: {},
        fetchOptions: {},
      });
      try {
        const res = await fetchImpl(url, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            ...signatureHeaders({
              clientSecret: app.clientSecret,
              method: "POST",
              url,
              body,
              now: core.clock.now(),
              legacy: "v2",
            }),
          },
          body,
          signal: AbortSignal.timeout(OPTIONS_TIMEOUT_MS),
        });
        const parsed = optionsAnswer.safeParse(res.ok ? await res.json() : undefined);
        return parsed.success
          ? parsed.data.options.map((o) => ({ label: o.label, value: String(o.value) }))
          : undefined;
      } catch {
        return undefined;
      }
    },
    start: (input) => startRun(core, store, runner, input),
    runs: (portalId) =>
      runner
        .list()
        .filter((r) => r.portalId === portalId)
        .reverse(),
    run: (callbackId) => runner.get(callbackId),
  };
}
