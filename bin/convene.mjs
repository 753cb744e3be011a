#!/usr/bin/env node
// Entry point of the `convene` command. Runs the TypeScript sources directly (Node strips types),
// after making sure this Node is recent enough.
import { enableCompileCache } from 'node:module';
import { ensureModernNode } from '../scripts/node-version.mjs';

ensureModernNode(import.meta.url, process.argv.slice(2));
// Restarts load faster from Node's on-disk cache of compiled modules.
enableCompileCache?.();
const { main } = await import('../src/lib/server/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exit(code);
