import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'shared', include: ['src/**/__tests__/**/*.test.ts'] } });
