/**
 * Changed files that cannot change what a test run does: prose and pictures outside the test
 * folders. Narrowing stays sound by running the whole suite when any other file that is not source
 * changed (a fixture, a data file, a configuration): no import shows which tests read it.
 * (Known gap: a suite that runs the README's examples as tests, e.g. pytest --doctest-glob.)
 */
const PROSE = /\.(md|mdx|rst|adoc|png|jpe?g|gif|svg|ico)$/i;
const NOTICES = /(^|\/)(LICEN[CS]E|AUTHORS|CHANGELOG|CHANGES|NEWS)(\.\w+)?$|(^|\/)\.gitignore$/i;
const TEST_DATA = /(^|\/)(tests?|testdata|fixtures?|__fixtures__|__snapshots__|snapshots|spec)\//i;

export const isInertChange = (file: string): boolean =>
  (PROSE.test(file) || NOTICES.test(file)) && !TEST_DATA.test(file);
