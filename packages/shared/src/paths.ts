import { z } from 'zod';

/**
 * Behaviour paths (PRODUCT §4): a session is in scope when the day of its first event is in `from`..`to` and its
 * store (of the first event that names one) is in the scope's stores; sessions without a store count only for the
 * whole chain. Its steps are its event types in order with repeats in a row collapsed. A session converts when it
 * reaches `pay` anywhere, also beyond the steps drawn.
 */
export const PATH_STEPS = { min: 3, max: 8, default: 5 } as const;
/** The event that means the session paid. */
export const CONVERSION_EVENT = 'pay';
/** Event types the demo chain and the mini-program emit, in funnel order (the UI translates these). */
export const KNOWN_EVENTS = [
  'app_open',
  'view_menu',
  'view_product',
  'add_to_cart',
  'checkout',
  'pay',
] as const;

export const pathsQuerySchema = z.object({
  steps: z.coerce
    .number({ error: `steps must be a whole number from ${PATH_STEPS.min} to ${PATH_STEPS.max}` })
    .int({ error: `steps must be a whole number from ${PATH_STEPS.min} to ${PATH_STEPS.max}` })
    .min(PATH_STEPS.min, { error: `steps must be at least ${PATH_STEPS.min}` })
    .max(PATH_STEPS.max, { error: `steps must be at most ${PATH_STEPS.max}` })
    .default(PATH_STEPS.default),
});

/**
 * A node of the Sankey: an event at a step (1-based), `other` (the rare events of that step merged), or `exit`
 * (sessions that ended after step − 1; drawn in column `step`). `event` is the event type, or `other` / `exit`.
 */
export const PATH_NODE_KINDS = ['event', 'other', 'exit'] as const;
export type PathNodeKind = (typeof PATH_NODE_KINDS)[number];
export const pathNodeSchema = z.object({
  id: z.string(),
  step: z.number().int().min(1),
  kind: z.enum(PATH_NODE_KINDS),
  event: z.string(),
  sessions: z.number().int(),
});
export type PathNode = z.infer<typeof pathNodeSchema>;

export const pathLinkSchema = z.object({
  source: z.string(),
  target: z.string(),
  sessions: z.number().int(),
});
export type PathLink = z.infer<typeof pathLinkSchema>;

export const pathsSchema = z.object({
  steps: z.number().int(),
  sessions: z.number().int(),
  converted: z.number().int(),
  nodes: z.array(pathNodeSchema),
  links: z.array(pathLinkSchema),
});
export type Paths = z.infer<typeof pathsSchema>;

export const topPathsQuerySchema = pathsQuerySchema.extend({
  node: z
    .string({ error: 'node is required (a node id of the paths answer, e.g. 2:event:view_menu)' })
    .min(1, { error: 'node is required (a node id of the paths answer, e.g. 2:event:view_menu)' })
    .max(200, { error: 'node is longer than 200 characters' }),
  limit: z.coerce
    .number({ error: 'limit must be a whole number from 1 to 50' })
    .int({ error: 'limit must be a whole number from 1 to 50' })
    .min(1, { error: 'limit must be at least 1' })
    .max(50, { error: 'limit must be at most 50' })
    .default(10),
});

/** One complete path as drawn: its nodes from step 1 to step N or to its exit. */
export const topPathSchema = z.object({
  nodes: z.array(pathNodeSchema.omit({ sessions: true })),
  sessions: z.number().int(),
  converted: z.number().int(),
});
export type TopPath = z.infer<typeof topPathSchema>;

export const topPathsSchema = z.object({
  node: pathNodeSchema,
  /** Sessions through the node, and how many distinct complete paths they follow. */
  sessions: z.number().int(),
  distinctPaths: z.number().int(),
  paths: z.array(topPathSchema),
});
export type TopPaths = z.infer<typeof topPathsSchema>;
