/**
 * Error bodies. Parsed only to build errors; anything that does not match is handled as "some other body" by
 * `sdk/response.ts`, never rejected.
 */
import { z } from "zod";

export const esRootCauseSchema = z.looseObject({ type: z.string(), reason: z.string().nullish() });

/** `{"error":{"type","reason","root_cause"},"status"}`, or the string form `{"error":"no handler found ..."}`. */
export const esErrorEnvelopeSchema = z.looseObject({
  error: z.union([
    z.string(),
    z.looseObject({ type: z.string(), reason: z.string().nullish(), root_cause: z.array(esRootCauseSchema).optional() }),
  ]),
  status: z.number().optional(),
});

/** Elastic Cloud's `{"errors":[{"message","code"}]}`. */
export const cloudErrorEnvelopeSchema = z.looseObject({
  errors: z.array(z.looseObject({ message: z.string(), code: z.string().optional() })),
});

export type EsErrorEnvelope = z.infer<typeof esErrorEnvelopeSchema>;
export type CloudErrorEnvelope = z.infer<typeof cloudErrorEnvelopeSchema>;
