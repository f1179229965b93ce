import { readFileSync } from 'node:fs';

/** The service version, from api/package.json (same relative path from src/ and dist/). */
export const appVersion: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
