// Hook bundles alias signal-exit to this. proper-lockfile registers an exit handler when it loads,
// and signal-exit answers by listening on a dozen signals — a signal handle each, about 4 ms of
// every hook run. A hook holds a lock for milliseconds; if a signal kills it meanwhile, the lock's
// owner note names a dead process and the next csm process removes the lock at once
// (src/adapters/store/lock.ts), so a plain 'exit' listener is all the hooks need.
module.exports = function onExit(cb) {
  const listener = (code) => cb(code, null);
  process.once('exit', listener);
  return () => process.removeListener('exit', listener);
};
