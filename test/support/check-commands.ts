/** Check runs as people and Claude type them, one per alternative of the evidence patterns. */
export const CHECKS = [
  'npm test', 'npm run test', 'pnpm test -- --run', 'yarn test', 'bun run test', 'npx vitest run src/a.test.ts', 'npx jest --ci', 'mocha test/',
  'npx ava', 'pytest -q', '.venv/bin/pytest -x tests/', 'tox -e py312', 'vendor/bin/phpunit', 'bundle exec rspec', 'cargo test --all',
  'go test ./...', 'dotnet test', 'mix test', 'swift test', 'make test', 'make check', 'node --test test/', 'python -m pytest', 'python3 -m unittest discover',
  'npx tsc --noEmit', 'pnpm tsgo --noEmit', 'npx vue-tsc --noEmit', 'npm run typecheck', 'pnpm type-check', 'yarn check-types', 'mypy src', 'pyright', 'cargo check', 'go vet ./...',
  'npm run lint', 'npx eslint .', 'npx biome check .', 'ruff check .', 'flake8', 'cargo clippy -- -D warnings', 'golangci-lint run',
  'npm run build', 'cargo build --release', 'go build ./...', 'cd packages/a && pnpm test', 'CI=1 npm test 2>&1 | tail -20',
];
