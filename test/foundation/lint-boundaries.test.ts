import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('the lint rules that keep the layers apart', () => {
  it.each([
    ["import { Injectable } from '@nestjs/common';", 'libs/domain/src/bad.ts'],
    ["import { Entity } from 'typeorm';", 'libs/meta-sim/src/bad.ts'],
    ["import { useState } from 'react';", 'libs/domain/src/bad.ts'],
  ])('forbid %s in %s', async (code, file) => {
    expect(await ruleIds(`${code}\nexport const x = 1;\n`, file)).toContain('no-restricted-imports');
  });

  it('allow framework-free imports in libs', async () => {
    expect(
      await ruleIds("import { TZDate } from '@date-fns/tz';\nexport const x = TZDate;\n", 'libs/domain/src/ok.ts'),
    ).toEqual([]);
  });

  it('forbid process.env outside the config module of the api', async () => {
    expect(await ruleIds('export const port = process.env.PORT;\n', 'api/src/health/bad.ts')).toContain(
      'no-restricted-properties',
    );
  });
});
