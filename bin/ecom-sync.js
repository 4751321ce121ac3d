#!/usr/bin/env node
// Tiny launcher: the program lives in dist/ (built by `npm ci` through the prepare script).
import { main } from '../dist/bundle/cli.js';

// `ecom-sync ... | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const exitCode = await main(process.argv, process.env);
process.exitCode = exitCode;
// Output on pipes is flushed asynchronously: let the event loop drain, but never hang on a stray handle.
setTimeout(() => process.exit(exitCode), 2000).unref();
