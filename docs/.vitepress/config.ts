import { existsSync } from 'node:fs';
import { defineConfig, type DefaultTheme } from 'vitepress';

const docsDir = new URL('..', import.meta.url);

// Pages that other people are writing: each joins the sidebar once its file exists, so the
// navigation never points at a page that is not there yet.
const referencePages: DefaultTheme.SidebarItem[] = [
  { text: 'Deadlock detection', link: '/deadlock' },
  { text: 'Design', link: '/design' },
  { text: 'Performance', link: '/performance' },
].filter((page) => existsSync(new URL(`.${page.link}.md`, docsDir)));

// Dead links fail the build (VitePress's default; `ignoreDeadLinks` is deliberately not set),
// so a page is only linked from here or from another page once it exists.
export default defineConfig({
  title: 'threadmpi',
  description: 'MPI for Node.js: ranks as worker_threads talking through shared memory',
  // The example programs and their checker live beside the pages but are not pages.
  srcExclude: ['examples/**', 'test/**', 'README.md'],
  themeConfig: {
    nav: [
      { text: 'Getting started', link: '/getting-started' },
      { text: 'Tutorial', link: '/tutorial/why-parallel' },
      { text: 'From mpi4py', link: '/mpi4py' },
    ],
    sidebar: [
      {
        text: 'Introduction',
        items: [
          { text: 'What is threadmpi?', link: '/' },
          { text: 'Getting started', link: '/getting-started' },
          { text: 'Coming from mpi4py', link: '/mpi4py' },
        ],
      },
      {
        text: 'Tutorial',
        items: [
          { text: '1. Why one processor is not enough', link: '/tutorial/why-parallel' },
          { text: '2. Processes, ranks, communicators', link: '/tutorial/ranks-and-communicators' },
          { text: '3. SPMD: one program, many ranks', link: '/tutorial/spmd' },
          { text: '4. The busy lecturer', link: '/tutorial/lecturer' },
          { text: '5. Point-to-point messages', link: '/tutorial/point-to-point' },
          { text: '6. Collectives', link: '/tutorial/collectives' },
          { text: '7. One-sided put and get', link: '/tutorial/one-sided' },
          { text: '8. Blocking and deadlock', link: '/tutorial/blocking-and-deadlock' },
          { text: '9. Split: teams by color', link: '/tutorial/split' },
          { text: '10. Derived datatypes', link: '/tutorial/derived-datatypes' },
        ],
      },
      ...(referencePages.length > 0 ? [{ text: 'Reference', items: referencePages }] : []),
    ],
    outline: 'deep',
  },
});
