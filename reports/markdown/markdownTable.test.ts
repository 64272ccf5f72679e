import { describe, expect, it } from 'vitest';
import { markdownTable } from './markdownTable.ts';

describe('markdownTable', () => {
  it('pads columns to equal width, right-aligns where asked and escapes pipes', () => {
    expect(
      markdownTable(
        ['name', 'ms'],
        [
          ['a|b', '5'],
          ['long name', '1234'],
        ],
        ['left', 'right'],
      ),
    ).toBe(
      ['| name      |   ms |', '| --------- | ---: |', '| a\\|b      |    5 |', '| long name | 1234 |'].join(
        '\n',
      ),
    );
  });
});
