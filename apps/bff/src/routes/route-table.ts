import type { Request, Response } from 'express';

/**
 * Every API route is declared as data, so that cross-cutting rules (envelope, and later access policy) are applied
 * in one place and tests can enumerate the routes.
 */
export type RouteDef = {
  method: 'get' | 'post';
  path: string;
  /** Returns the `data` of the success envelope. */
  handler: (req: Request, res: Response) => Promise<unknown>;
};
