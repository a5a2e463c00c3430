import { z } from "zod";

/** Request body pieces shared by the object, batch and control routes. */
export const associationInputSchema = z.object({
  to: z.object({ id: z.union([z.string(), z.number()]).transform(String) }),
  types: z
    .array(z.object({ associationCategory: z.string().optional(), associationTypeId: z.number().int() }))
    .min(1),
});

/** Values are checked against the property definitions later, so any JSON value passes here. */
export const propertiesSchema = z.record(z.string(), z.unknown());
