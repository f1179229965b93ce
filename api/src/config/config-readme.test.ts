import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configVariables } from './config.schema.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The rows of the README's configuration table: name → default and meaning as written there. */
function readmeTable(): Map<string, { default: string; description: string }> {
  const table = /<!-- config-table:start -->([\s\S]*?)<!-- config-table:end -->/.exec(readme)?.[1] ?? '';
  const rows = new Map<string, { default: string; description: string }>();
  for (const line of table.split('\n')) {
    const [name, value, description] = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    const variable = /^`([A-Z0-9_]+)`$/.exec(name ?? '')?.[1];
    if (!variable || value === undefined || description === undefined) continue;
    rows.set(variable, { default: value === '_(unset)_' ? '' : value.replace(/^`|`$/g, ''), description });
  }
  return rows;
}

describe('README configuration table', () => {
  it('lists exactly the variables the config schema reads, with the same defaults and meanings', () => {
    const documented = readmeTable();
    const schema = new Map(
      Object.entries(configVariables).map(([name, spec]) => [
        name,
        { default: spec.default, description: spec.description },
      ]),
    );
    expect([...documented.keys()].sort()).toEqual([...schema.keys()].sort());
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(schema));
  });
});
