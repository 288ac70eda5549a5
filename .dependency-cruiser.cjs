/**
 * `npm run lint:cycles`: no module may import itself back, through any chain of imports,
 * type-only imports included (a type cycle is still two files that cannot be read apart).
 * Each package's and app's source, tests and tooling; dependencies are not followed.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: break it by moving what both sides need into a module of its own.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '(^|/)node_modules/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
      conditionNames: ['source', 'import', 'require', 'node', 'default'],
    },
  },
};
