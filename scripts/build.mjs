// Builds what is out of date: the API and its libs (tsc -b is incremental) and the dashboard
// (rebuilt only when a source file is newer than its last build).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });

// api/tsconfig.build.json references every lib it imports, so they build first
run(bin('tsc'), ['-b', 'api/tsconfig.build.json']);

const dashboard = path.join(root, 'dashboard');
const built = path.join(dashboard, 'dist', 'index.html');
const sources = ['src', 'index.html', 'vite.config.ts', 'package.json', 'public', '../libs'];
if (!existsSync(built) || newestMtime(sources.map((p) => path.join(dashboard, p))) > statSync(built).mtimeMs) {
  run(bin('vite'), ['build', '--logLevel', 'warn'], dashboard);
}

function newestMtime(paths) {
  let newest = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      const entries = readdirSync(p).filter((e) => e !== 'node_modules' && e !== 'dist');
      newest = Math.max(newest, newestMtime(entries.map((e) => path.join(p, e))));
    } else newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}
