import { describe, expect, it } from 'vitest';
import type { CargoWorkspace } from '../../../src/contracts/project-facts.ts';
import { cargoAffected } from '../../../src/domain/gates/cargo-affected.ts';

/** A virtual workspace: cli → api → model, and a tools crate outside the default members. */
const WS: CargoWorkspace = {
  crates: [
    { name: 'model', dir: 'crates/model', deps: [] },
    { name: 'api', dir: 'crates/api', deps: ['model'] },
    { name: 'cli', dir: 'crates/cli', deps: ['api'] },
    { name: 'other', dir: 'crates/other', deps: [] },
    { name: 'tools', dir: 'tools', deps: ['model'] },
  ],
  defaultRun: ['model', 'api', 'cli', 'other'],
};

describe('cargo test: the crates a change can break', () => {
  it('tests the changed crate and every member depending on it, with the same options', () => {
    expect(cargoAffected('cargo test --quiet', ['crates/model/src/lib.rs'], WS)).toEqual({
      command: 'cargo test -p api -p cli -p model --quiet',
      scope: 'cargo test on api, cli, model',
    });
    expect(cargoAffected('cargo test -- --test-threads 1', ['crates/cli/src/main.rs'], WS)?.command).toBe(
      'cargo test -p cli -- --test-threads 1',
    );
  });

  it('keeps to the members the command tests: the default ones, or all with --workspace', () => {
    expect(cargoAffected('cargo test', ['tools/src/lib.rs'], WS)).toBeNull();
    expect(cargoAffected('cargo test --workspace', ['crates/model/src/lib.rs'], WS)?.command).toBe(
      'cargo test -p api -p cli -p model -p tools',
    );
  });

  it('runs the whole command when it cannot say', () => {
    expect(cargoAffected('cargo test', ['Cargo.lock'], WS)).toBeNull();
    expect(cargoAffected('cargo test', ['crates/api/build.rs', 'crates/api/data.json'], WS)).toBeNull();
    expect(cargoAffected('cargo test -p api', ['crates/api/src/lib.rs'], WS)).toBeNull();
    expect(cargoAffected('cargo test', ['src/stray.rs'], WS)).toBeNull();
    expect(cargoAffected('cargo test', ['crates/model/src/lib.rs'], null)).toBeNull();
    // a single crate (or a change reaching every member): nothing to narrow
    const one: CargoWorkspace = { crates: [{ name: 'app', dir: '', deps: [] }], defaultRun: ['app'] };
    expect(cargoAffected('cargo test', ['src/lib.rs'], one)).toBeNull();
  });
});
