// Hook bundles alias node:assert to this: signal-exit (via proper-lockfile) needs only
// assert.equal, and loading node's assert module costs every hook run about a millisecond.
function assert(value, message) {
  if (!value) throw new Error(message || 'assertion failed');
}
assert.equal = (a, b, message) => assert(a == b, message);
assert.ok = assert;
module.exports = assert;
