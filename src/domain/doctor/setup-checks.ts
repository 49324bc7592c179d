import { type Check, FIX_COMMAND, ok, problem, warn } from './check.ts';
import { missingLines } from './text-lines.ts';
import type { LinkFact, LockFact, WritableProbe } from '../../contracts/doctor-facts.ts';

export type { LinkFact, LockFact, WritableProbe };

export function writableChecks(probes: readonly WritableProbe[]): Check[] {
  return probes.map((p) => {
    const id = `writable:${p.rel}`;
    if (p.error === null) return ok(id, 'writable', `${p.rel}/ is writable and the disk has room`);
    if (p.error === 'ENOSPC' || p.error === 'EDQUOT')
      return problem(
        id,
        'writable',
        `${p.rel}/: the disk is full (${p.error}); csm cannot record anything`,
        'free some disk space (df -h . shows it), then run csm doctor again',
      );
    if (p.error === 'EROFS')
      return problem(
        id,
        'writable',
        `${p.rel}/ is on a read-only file system`,
        'remount it read-write, or work in a writable clone',
      );
    if (p.error === 'EACCES' || p.error === 'EPERM')
      return problem(
        id,
        'writable',
        `${p.rel}/ is not writable (${p.error}); csm cannot record sessions`,
        `chmod u+w ${p.rel}   (if another user owns it: sudo chown -R "$(id -u)" ${p.rel})`,
      );
    return problem(
      id,
      'writable',
      `${p.rel}/ could not be written (${p.error})`,
      `check ${p.rel}/ exists and is a writable directory (ls -ld ${p.rel})`,
    );
  });
}

const SPECIAL = { fifo: 'a named pipe (FIFO)', socket: 'a socket', device: 'a device file' } as const;

/** Any symlink among the paths csm reads or writes under `.claude/`, and special files there. */
export function symlinkChecks(links: readonly LinkFact[]): Check[] {
  if (links.length === 0) {
    return [ok('symlinks', 'symlinks', 'no path csm reads or writes under .claude/ is a symlink or a special file')];
  }
  return links.map((l) => {
    if (l.kind && l.kind !== 'symlink') {
      const fix = `rm ${l.rel}   (csm writes a regular file there next time)`;
      const what = `${l.rel} is ${SPECIAL[l.kind]}, not a regular file; csm refuses to write it`;
      return problem(`special:${l.rel}`, 'symlinks', what, fix);
    }
    const kind = l.isDir ? 'directory' : 'file';
    const copy = l.isDir
      ? `cp -R "$(readlink -f ${l.rel})" ${l.rel}.real && rm ${l.rel} && mv ${l.rel}.real ${l.rel}`
      : `cp --remove-destination "$(readlink -f ${l.rel})" ${l.rel}`;
    const id = `symlink:${l.rel}`;
    if (l.intoGit) {
      const what = `${l.rel} is a symlink into .git (${l.target}); csm refuses to write through it`;
      const fix = `rm ${l.rel}   (csm writes a regular ${kind} there next time)`;
      return problem(id, 'symlinks', `${what} (it would corrupt git's own files)`, fix);
    }
    if (l.target === null) {
      const fix = `rm ${l.rel}${l.isDir ? ` && mkdir ${l.rel}` : ''}   (then csm init restores the defaults)`;
      return problem(id, 'symlinks', `${l.rel} is a broken symlink; csm refuses to write through it`, fix);
    }
    const where = l.outside ? `${l.target}, outside the repository` : `${l.target}, inside the repository`;
    const why = l.outside ? '' : " (a committed link can hand this clone another clone's sessions)";
    const what = `${l.rel} is a symlink to ${where}; csm refuses to read or write through it${why}`;
    return problem(id, 'symlinks', what, `replace it with a real ${kind}: ${copy}`);
  });
}

/** A held lock is refreshed every few seconds; one whose owner is dead or that is older than this is stale. */
export const STALE_LOCK_MS = 30_000;

export function lockChecks(locks: readonly LockFact[]): Check[] {
  const out: Check[] = [];
  for (const l of locks) {
    const rel = `.claude/.csm/locks/${l.name}.lock`;
    const dead = l.ownerAlive === false;
    const old = l.ageMs > STALE_LOCK_MS;
    if (!dead && !old) {
      out.push(
        ok(
          `lock:${l.name}`,
          'locks',
          `${rel} is held by a running csm process${l.ownerPid ? ` (pid ${l.ownerPid})` : ''}`,
        ),
      );
      continue;
    }
    const why = dead
      ? `its owner (pid ${l.ownerPid}) is no longer running`
      : `it is ${Math.round(l.ageMs / 1000)} s old (a held lock is refreshed every 5 s)`;
    out.push(
      warn(
        `lock:${l.name}`,
        'locks',
        `stale lock ${rel}: ${why}; csm waits for it before writing`,
        `${FIX_COMMAND} (or: rm -rf ${rel} ${rel}.owner)`,
        { kind: 'remove-lock', lock: l.name },
      ),
    );
  }
  return out.length ? out : [ok('locks', 'locks', 'no lock held')];
}

export interface GitFileFacts {
  gitignore: string | null;
  gitattributes: string | null;
  /** What `csm init` writes. */
  templates: { gitignore: string; gitattributes: string };
  /** Machine-local files (under .claude/.csm/) that git tracks: a clone receives them. */
  trackedLocal?: string[];
}

export function gitFileChecks(f: GitFileFacts): Check[] {
  const ignore = missingLines(f.gitignore, f.templates.gitignore);
  const attrs = missingLines(f.gitattributes, f.templates.gitattributes);
  return [
    ignore.length
      ? warn(
          'gitignore',
          'git files',
          `.claude/.gitignore ${f.gitignore === null ? 'is missing' : `lacks ${ignore.join(', ')}`}: ` +
            `machine-local state (active pointer, locks, debug log) would be committed`,
          `${FIX_COMMAND} (appends ${ignore.join(', ')}; your lines stay)`,
          {
            kind: 'append-lines',
            file: '.gitignore',
            lines: ignore,
          },
        )
      : ok('gitignore', 'git files', '.claude/.gitignore keeps .csm/ out of git'),
    attrs.length
      ? warn(
          'gitattributes',
          'git files',
          `.claude/.gitattributes ${f.gitattributes === null ? 'is missing' : `lacks ${attrs.join(', ')}`}: ` +
            `branches that both ran sessions will conflict inside .claude/`,
          `${FIX_COMMAND} (appends the missing lines; your lines stay)`,
          {
            kind: 'append-lines',
            file: '.gitattributes',
            lines: attrs,
          },
        )
      : ok('gitattributes', 'git files', '.claude/.gitattributes union-merges sessions, memory and metrics'),
    ...(f.trackedLocal === undefined ? [] : [trackedLocalCheck(f.trackedLocal)]),
  ];
}

function trackedLocalCheck(tracked: readonly string[]): Check {
  if (tracked.length === 0) return ok('tracked-local', 'git files', 'git tracks nothing under .claude/.csm/');
  const list = `${tracked.slice(0, 5).join(', ')}${tracked.length > 5 ? ' …' : ''}`;
  return problem(
    'tracked-local',
    'git files',
    `git tracks machine-local state: ${list} — every clone receives it (an active pointer from another clone ` +
      `is ignored, with a warning)`,
    'git rm --cached -r .claude/.csm && git commit   (the files stay on this machine)',
  );
}
