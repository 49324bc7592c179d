import type { PyImport, PySources } from '../../contracts/project-facts.ts';

const FROM = /^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|(?:[^\n\\]|\\\n)*)/gm;
const IMPORT = /^[ \t]*import[ \t]+((?:[^\n\\;]|\\\n)*)/gm;
const DYNAMIC = /\bimport_module\s*\(|\b__import__\s*\(/;

const names = (list: string): string[] =>
  list
    .replace(/#[^\n]*/g, '')
    .replace(/[()\\]/g, ' ')
    .split(',')
    .map(
      (n) =>
        n
          .trim()
          .split(/\s+as\s+/)[0]
          ?.trim() ?? '',
    )
    .filter((n) => /^[\w.*]+$/.test(n));

/** The import statements of one Python file's text (at any indentation: imports inside functions count). */
export function pythonImports(text: string): PyImport[] {
  const out: PyImport[] = [];
  for (const m of text.matchAll(FROM))
    out.push({ level: (m[1] ?? '').length, module: m[2] ?? '', names: names(m[3] ?? '') });
  for (const m of text.matchAll(IMPORT))
    for (const mod of names(m[1] ?? '')) out.push({ level: 0, module: mod, names: [] });
  return out;
}

/** The project's Python files (path → text) as imports, and the files that import by a computed name. */
export function pySourcesOf(files: Readonly<Record<string, string>>): PySources {
  const imports: Record<string, PyImport[]> = {};
  const dynamic: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    imports[file] = pythonImports(text);
    if (DYNAMIC.test(text)) dynamic.push(file);
  }
  return { imports, dynamic };
}
