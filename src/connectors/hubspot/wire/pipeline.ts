import { z } from "zod";
import type { Pipeline } from "../../../domain/crm.ts";
import { objectId } from "./common.ts";
import { wireParser } from "./parse.ts";

/** A deal pipeline (https://developers.hubspot.com/docs/api/crm/pipelines) and its stages. */
export const pipelineWire = z.looseObject({
  id: objectId,
  label: z.string(),
  archived: z.boolean().optional(),
  stages: z
    .array(z.looseObject({ id: objectId, label: z.string(), archived: z.boolean().optional() }))
    .optional(),
});
export type PipelineWire = z.output<typeof pipelineWire>;

export function toPipeline(p: PipelineWire): Pipeline {
  return {
    id: p.id,
    label: p.label,
    archived: p.archived ?? false,
    stages: (p.stages ?? []).filter((s) => !s.archived).map((s) => ({ id: s.id, label: s.label })),
  };
}

const parser = wireParser("pipelines", pipelineWire, toPipeline);
export const parsePipeline = parser.one;
export const parsePipelines = parser.list;
export const partitionPipelines = parser.each;
