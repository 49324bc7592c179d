// Bundles alias graceful-fs to plain fs: proper-lockfile only needs a few fs calls per lock, and
// graceful-fs's start-up (cloning and patching fs) would be paid on every hook run.
module.exports = require('node:fs');
