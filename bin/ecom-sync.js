#!/usr/bin/env node
// Tiny launcher: the program lives in dist/ (built by `npm ci` through the prepare script).
import { main } from '../dist/src/cli/main.js';

const exitCode = await main(process.argv, process.env);
process.exitCode = exitCode;
// Output on pipes is flushed asynchronously: let the event loop drain, but never hang on a stray handle.
setTimeout(() => process.exit(exitCode), 2000).unref();
