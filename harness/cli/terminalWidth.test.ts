import { describe, expect, it } from 'vitest';
import { terminalWidth } from './terminalWidth.ts';

describe('terminalWidth', () => {
  it('takes COLUMNS first, then the terminal’s width, then 80', () => {
    expect(terminalWidth({ columns: 200 }, { COLUMNS: '80' })).toBe(80);
    expect(terminalWidth({ columns: 200 }, {})).toBe(200);
    expect(terminalWidth({}, {})).toBe(80);
    expect(terminalWidth({ columns: undefined }, { COLUMNS: '160' })).toBe(160);
  });

  it('ignores a COLUMNS that is not a whole number of at least 20 columns', () => {
    expect(terminalWidth({ columns: 120 }, { COLUMNS: 'wide' })).toBe(120);
    expect(terminalWidth({}, { COLUMNS: '5' })).toBe(80);
    expect(terminalWidth({}, { COLUMNS: '' })).toBe(80);
  });
});
