/**
 * zod and the API envelope, imported by a start-up step of their own (main.tsx) before the schemas: evaluating zod's
 * chunk and building the first screen's schemas (boot-schemas.ts) were one task of ≈ 120–230 ms at 4× CPU.
 */
import '@portrait/shared/envelope';
