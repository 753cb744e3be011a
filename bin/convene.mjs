#!/usr/bin/env node
// Entry point of the `convene` command. Makes sure this Node is recent enough, then runs the
// program (bundled when up to date, else from the TypeScript sources, which Node strips of types).
import * as nodeModule from 'node:module';
import { ensureModernNode } from '../scripts/node-version.mjs';

ensureModernNode(import.meta.url, process.argv.slice(2));
// Restarts load faster from Node's on-disk cache of compiled modules.
// (a namespace import: Node 20, which we may be re-launching from, lacks the function)
nodeModule.enableCompileCache?.();
const { launch } = await import('../scripts/launch.mjs');
process.exit(await launch(process.argv.slice(2)));
