#!/usr/bin/env node
import { main } from '../src/cli/main.ts';

// `binder plan | head -3`: the reader went away. Stop quietly instead of dying on EPIPE with a
// stack trace; the output that was wanted has been read.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
