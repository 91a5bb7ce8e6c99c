import { z } from "zod";

/**
 * Arbitrary names to strings whose change replaces (rotates) a key, like `@pulumi/random`'s keepers: a way to rotate
 * on demand (`{ rotation: "2026-11" }`) or when something else changes. Absent equals `{}`.
 */
export const triggersSchema = z.record(z.string(), z.string({ error: "trigger values must be strings (like @pulumi/random keepers)" }), {
  error: 'triggers must be a map of names to strings, e.g. { release: "2024-06" }',
});
