import { defineProject } from 'vitest/config';

// Database tests load real data into PGlite (and PostgreSQL): give them room and run files one at a time per worker.
export default defineProject({
  test: {
    name: 'bff',
    include: ['src/**/__tests__/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
