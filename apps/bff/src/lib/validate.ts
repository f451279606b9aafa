import type { z } from 'zod';
import { badRequest } from './errors';

/** Parses input with a zod schema, or throws a 400 that names every problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues
    .map((issue) => {
      const where = issue.path.join('.');
      return where && !issue.message.startsWith(where) ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
  throw badRequest(message);
}
