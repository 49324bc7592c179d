// The dependency rule of docs/ARCHITECTURE (../shared/ARCHITECTURE.md): shells (hooks/, src/cli,
// src/hook-runtime) → use cases → domain and adapters; domain → contracts, kernel; adapters →
// contracts, kernel; kernel → nothing of csm; nothing points back up; no import circles.
// Run by `.ci/run` (npm run arch) and by test/unit/architecture.test.ts.
const IO = '^(node:)?(fs|fs/promises|child_process|os|net|http|https|dgram|worker_threads|cluster)$';
const SHELLS = '^(hooks/|src/cli/|src/cli\\.ts$|src/hook-runtime/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'no two files import each other, directly or through others', from: {}, to: { circular: true } },
    { name: 'usecases-no-io', severity: 'error', comment: 'a use case loads and saves through adapters', from: { path: '^src/usecases/' }, to: { dependencyTypes: ['core'], path: IO } },
    { name: 'domain-no-io', severity: 'error', comment: 'the domain is pure', from: { path: '^src/domain/' }, to: { dependencyTypes: ['core'], path: IO } },
    { name: 'domain-no-libs', severity: 'error', comment: 'the domain does no I/O through libraries either', from: { path: '^src/domain/' }, to: { path: 'node_modules/(simple-git|proper-lockfile)/' } },
    { name: 'adapters-not-domain', severity: 'error', comment: 'adapters return data; folding it is the domain\'s job, called by a use case', from: { path: '^src/adapters/' }, to: { path: '^src/domain/' } },
    { name: 'cli-not-adapters', severity: 'error', comment: 'a command is parse → use case → render', from: { path: '^src/(cli/|cli\\.ts$)' }, to: { path: '^src/adapters/' } },
    { name: 'hooks-not-adapters', severity: 'error', comment: 'a hook entry is runtime + use case', from: { path: '^hooks/' }, to: { path: '^src/(adapters|domain)/' } },
    { name: 'domain-down-only', severity: 'error', from: { path: '^src/(domain|contracts|kernel)/' }, to: { path: '^src/(adapters|usecases|cli|hook-runtime)/|^src/cli\\.ts$' } },
    { name: 'adapters-down-only', severity: 'error', from: { path: '^src/adapters/' }, to: { path: '^src/(usecases|cli|hook-runtime)/|^src/cli\\.ts$' } },
    { name: 'usecases-not-shells', severity: 'error', from: { path: '^src/usecases/' }, to: { path: SHELLS } },
    { name: 'kernel-alone', severity: 'error', comment: 'the kernel imports nothing of csm', from: { path: '^src/kernel/' }, to: { path: '^src/(?!kernel/)' } },
    { name: 'contracts-alone', severity: 'error', comment: 'contracts are types and schemas', from: { path: '^src/contracts/' }, to: { path: '^src/(?!contracts/|kernel/)' } },
    { name: 'simple-git-in-git-adapter', severity: 'error', from: { pathNot: '^src/adapters/git/' }, to: { path: 'node_modules/simple-git/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // type-only imports count: a use case that names an adapter's type depends on it
    tsPreCompilationDeps: true,
    exclude: { path: '^(node_modules|dist)/' },
    // schema/*.json is generated data (contracts and domain read the generated schemas)
  },
};
