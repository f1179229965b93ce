// npm run api:types: starts the built API on an in-memory database, reads its OpenAPI document and
// writes the dashboard's API types (dashboard/src/data/api-types.ts).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { apiTypesSource, typesFile } from './api-types-lib.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const app = spawn(process.execPath, [path.join(root, 'api/dist/main.js')], {
  env: {
    PATH: process.env.PATH ?? '',
    PORT: '0',
    DATA_DIR: 'memory',
    DEMO: 'off',
    LOG_LEVEL: 'info',
    // an in-memory database that stores no token: a throwaway key
    SECRETS_KEY: randomBytes(32).toString('base64'),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const url = await new Promise((resolve, reject) => {
    let out = '';
    app.stdout.on('data', (d) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s,"]+)/.exec(out);
      if (m) resolve(m[1].replace('[::1]', '127.0.0.1'));
    });
    app.on('exit', (code) => reject(new Error(`the API exited with ${code} before listening`)));
  });
  const res = await fetch(`${url}/api/docs.json`);
  if (!res.ok) throw new Error(`GET /api/docs.json answered ${res.status}`);
  writeFileSync(typesFile, await apiTypesSource(await res.json()));
  console.log(`wrote ${path.relative(root, typesFile)}`);
} finally {
  app.kill('SIGTERM');
}
