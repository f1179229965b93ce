import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // generated from the API's OpenAPI document (npm run api:types)
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'coverage/**', 'dashboard/src/data/api-types.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['dashboard/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // libs are the pure domain, shared by api, dashboard and tests: no framework, ORM or UI imports
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*'], message: 'libs/ stays framework-free: no @nestjs imports.' },
            { group: ['typeorm', 'typeorm/*'], message: 'libs/ stays framework-free: no typeorm imports.' },
            {
              group: ['react', 'react/*', 'react-dom', 'react-dom/*'],
              message: 'libs/ stays framework-free: no react imports.',
            },
            { group: ['@ctm/api', '@ctm/dashboard'], message: 'libs/ must not depend on the apps.' },
          ],
        },
      ],
    },
  },
  {
    // the config module is the one place that reads the environment
    files: ['api/src/**/*.ts'],
    ignores: ['api/src/config/config.ts', 'api/src/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration from APP_CONFIG (api/src/config), not process.env.',
        },
      ],
    },
  },
);
