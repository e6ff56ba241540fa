import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';

export default tseslint.config(
  {
    ignores: [
      'dist/**', 'storybook-static/**', 'node_modules/**', 'custom-elements.json', 'bench/results/**',
      'examples/**', 'salesforce/**', 'src/generated/**', '**/*.min.js', // examples: type-checked by their own tsc in test/node/hosts.test.ts
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs', 'bench/*.mjs', 'gateway/*.mjs', 'test/shims/*.js'] }, tsconfigRootDir: import.meta.dirname } },
  },
  wcConfigs['flat/recommended'],
  litConfigs['flat/recommended'],
  {
    settings: { wc: { elementBaseClasses: ['LitElement', 'CosellElement'] } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // No focused or skipped tests, ever.
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name=/^(it|describe|test|context)$/][callee.property.name=/^(only|skip)$/]", message: 'No focused or skipped tests.' },
        { selector: "CallExpression[callee.name=/^(xit|xdescribe|fit|fdescribe)$/]", message: 'No focused or skipped tests.' },
      ],
    },
  },
  {
    // chai's Assertion is thenable in @open-wc/testing's types, so every expect() looks like a promise.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-unused-expressions': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  { files: ['*.config.*', '.storybook/**', 'gateway/**', 'test/node/**', 'scripts/**', 'bench/**', 'demo/vite.config.ts'], languageOptions: { globals: { ...globals.node } } },
);
