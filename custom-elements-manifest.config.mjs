export default {
  globs: ['components/**/*.ts'],
  exclude: ['**/*.stories.ts', '**/*.test.ts', 'components/**/define.ts', 'components/define.ts'],
  outdir: '.',
  litelement: true,
};
