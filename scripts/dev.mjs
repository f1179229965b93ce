// `npm run dev`: the API in watch mode (Nest CLI, rebuilt and restarted on change) on :3000 and
// Vite's dev server on :5173, which proxies /api to it.
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

// libs and a first build of everything, so the API's first start finds its imports
execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });

const child = spawn(
  bin('concurrently'),
  [
    '--kill-others',
    '--names',
    'api,dashboard',
    '--prefix-colors',
    'blue,magenta',
    'nest start --watch',
    'vite dashboard',
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, PATH: `${path.dirname(bin('nest'))}:${process.env.PATH}` } },
);
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
