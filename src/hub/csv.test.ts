import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('toCsv', () => {
  it('quotes, escapes and neutralises formulas', () => {
    const csv = toCsv(
      [
        { a: 'plain', b: 3 },
        { a: 'with, comma', b: -2 },
        { a: 'say "hi"', b: 0 },
        { a: '=HYPERLINK("x")', b: null },
      ],
      ['a', 'b'],
    );
    expect(csv).toBe('a,b\r\nplain,3\r\n"with, comma",-2\r\n"say ""hi""",0\r\n"\'=HYPERLINK(""x"")",\r\n');
  });
});
