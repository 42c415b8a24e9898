/**
 * The API reference (docs/api/, generated, not committed) from threadmpi's published declarations:
 * the .d.ts files are what a user's editor sees, and reading them is much faster than type-checking
 * the sources. `pnpm run build` runs this before vitepress, so CI builds the reference and any
 * warning fails the build.
 */
export default {
  entryPoints: ['../packages/threadmpi/dist/index.d.ts'],
  tsconfig: './tsconfig.api.json',
  plugin: ['typedoc-plugin-markdown', 'typedoc-vitepress-theme'],
  out: 'api',
  docsRoot: '.',
  readme: 'none',
  // Members the core marks @internal (Op's kernels, Request.work) are not API.
  excludeInternal: true,
  // The repository has no public remote to link sources to; a link would be dead.
  disableSources: true,
  // Protected members are hooks between the core's own classes (Comm.derive), not calls a program makes.
  excludeProtected: true,
  // Doc comments mention names like THREADMPI_COLL_<NAME>, which Vue would parse as an open tag.
  sanitizeComments: true,
  treatWarningsAsErrors: true,
  // Types that public signatures name but src/index.ts does not export: internal shapes a program
  // never spells out (COLLECTIVE_ALGORITHMS's table type, Datatype.code's enum). Listed by name so
  // that any new unexported type still fails the build.
  intentionallyNotExported: ['Registry', 'DtypeCode'],
};
