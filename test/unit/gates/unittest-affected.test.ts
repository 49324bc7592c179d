import { describe, expect, it } from 'vitest';
import type { PyImport, PySources } from '../../../src/contracts/project-facts.ts';
import { unittestAffected } from '../../../src/domain/gates/unittest-affected.ts';

const from = (module: string, ...names: string[]): PyImport => ({ level: 0, module, names });
/** pkg/api reaches pkg/core only through its __init__; tests/legacy has no __init__ (discovery skips it). */
const SRC: PySources = {
  imports: {
    'pkg/__init__.py': [],
    'pkg/core.py': [],
    'pkg/api/__init__.py': [from('pkg.core', 'add')],
    'pkg/api/routes.py': [],
    'pkg/unused.py': [],
    'tests/__init__.py': [],
    'tests/test_core.py': [from('pkg.core', 'add')],
    'tests/test_api.py': [from('pkg.api.routes', 'route')],
    'tests/testutil.py': [],
    'tests/legacy/test_old.py': [from('pkg.unused', 'x')],
    'tests/sub/__init__.py': [],
    'tests/sub/check_more.py': [from('pkg.api', 'x')],
  },
  dynamic: [],
};

describe('python -m unittest: the test modules that reach a changed file', () => {
  it('names them as discovery does, from the top-level folder, through package __init__ re-exports', () => {
    expect(unittestAffected('python3 -m unittest', ['pkg/core.py'], SRC)).toEqual({
      command: 'python3 -m unittest tests.test_api tests.test_core',
      scope: 'unittest tests.test_api tests.test_core',
    });
    expect(unittestAffected('python3 -m unittest discover -v', ['pkg/api/routes.py'], SRC)?.command).toBe(
      'python3 -m unittest -v tests.test_api',
    );
  });

  it('puts a start folder that is the top level on the module path, as discovery does', () => {
    expect(unittestAffected('python3 -m unittest discover -s tests', ['pkg/core.py'], SRC)?.command).toBe(
      'PYTHONPATH=tests${PYTHONPATH:+:$PYTHONPATH} python3 -m unittest test_api test_core',
    );
  });

  it('counts only what discovery loads: the pattern, packages all the way down', () => {
    // check_more.py is a test only with -p 'check*.py'; then it is the only one
    expect(unittestAffected("python3 -m unittest discover -p 'check*.py'", ['pkg/core.py'], SRC)?.command).toBe(
      'python3 -m unittest tests.sub.check_more',
    );
    // tests/legacy is no package: discovery never loads test_old.py, so no test of this run reaches pkg/unused.py
    expect(unittestAffected('python3 -m unittest', ['pkg/unused.py'], SRC)).toBeNull();
  });

  it('runs everything when the command names its tests, has an unknown flag, or the change is not Python', () => {
    expect(unittestAffected('python3 -m unittest tests.test_core', ['pkg/core.py'], SRC)).toBeNull();
    expect(unittestAffected('python3 -m unittest --new-flag', ['pkg/core.py'], SRC)).toBeNull();
    expect(unittestAffected('python3 -m unittest', ['pkg/core.py', 'data/rates.csv'], SRC)).toBeNull();
    expect(unittestAffected('python3 -m unittest', ['pkg/core.py'], null)).toBeNull();
  });
});
