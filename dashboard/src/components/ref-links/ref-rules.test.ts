import { describe, expect, it } from 'vitest';
import { refProblem } from './ref-rules';

describe('refProblem: Meta’s rule for an m.me ref', () => {
  it.each([
    ['spring_sale', null],
    ['summer-2024', null],
    ['vip=gold', null],
    ['a'.repeat(2083), null],
    ['', 'Enter a ref: the tag after ?ref= in the link, e.g. spring_sale.'],
    ['spring sale', 'A ref may contain only letters, digits, -, _ and = (not space).'],
    ['été/2026', 'A ref may contain only letters, digits, -, _ and = (not é /).'],
    ['a'.repeat(2084), 'A ref can be at most 2083 characters (Meta’s limit).'],
  ])('%j → %j', (ref, problem) => {
    expect(refProblem(ref)).toBe(problem);
  });
});
