// Type-checks every workspace (tsc --noEmit), each with its own tsconfig.json; libs resolve from source.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const libs = readdirSync(path.join(root, 'libs')).map((d) => `libs/${d}`);
const projects = [...libs, 'api', 'dashboard', 'test'].filter((p) => existsSync(path.join(root, p, 'tsconfig.json')));
let failed = 0;
for (const project of projects) {
  try {
    execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', project], {
      cwd: root,
      stdio: 'inherit',
    });
  } catch {
    failed++;
    console.error(`typecheck: ${project} has type errors`);
  }
}
if (failed) process.exit(1);
