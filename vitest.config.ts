import { defineConfig } from 'vitest/config';
import swc from 'unplugin-swc';

// Libraries resolve from their TypeScript sources (the "source" export condition), so tests need no build.
const resolve = { conditions: ['source'] };

// Nest and TypeORM need decorator metadata, which esbuild/oxc do not emit: api code goes through SWC.
const nestSwc = () =>
  swc.vite({
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
    module: { type: 'es6' },
  });

export default defineConfig({
  test: {
    reporters: ['default', './scripts/summary-reporter.ts'],
    projects: [
      { resolve, test: { name: 'libs', include: ['libs/*/src/**/*.test.ts'] } },
      {
        resolve,
        esbuild: { jsx: 'automatic' },
        test: { name: 'dashboard', include: ['dashboard/src/**/*.test.{ts,tsx}'], environment: 'jsdom' },
      },
      {
        resolve,
        plugins: [nestSwc()],
        test: {
          name: 'api',
          include: ['api/src/**/*.test.ts', 'api/test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve,
        plugins: [nestSwc()],
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
