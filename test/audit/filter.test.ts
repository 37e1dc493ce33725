import { describe, expect, it } from 'vitest';
import { parseIgnoreFile, parseIgnoreList, parseSeverityList } from '../../src/audit/filter.ts';

describe('parseSeverityList', () => {
  it('reads a comma list, spaces removed, empty entries skipped', () => {
    expect(parseSeverityList('CRITICAL, HIGH,,')).toEqual({ severities: ['CRITICAL', 'HIGH'], unknown: [] });
  });

  it('compares case-sensitively and reports the rest', () => {
    expect(parseSeverityList('high,LOW,INFO')).toEqual({ severities: ['LOW'], unknown: ['high', 'INFO'] });
  });
});

describe('parseIgnoreList', () => {
  it('keeps x.y.z ids and reports anything else', () => {
    expect(parseIgnoreList('1.1.1, 2.2.1,,1.2,3.*,10.20.30')).toEqual({ ids: ['1.1.1', '2.2.1', '10.20.30'], invalid: ['1.2', '3.*'] });
  });
});

describe('parseIgnoreFile', () => {
  it('reads one id a line, removing spaces and skipping empty lines', () => {
    expect(parseIgnoreFile('1.1.1\n\n  2.2.1 \n4. 1.1\n')).toEqual({ ids: ['1.1.1', '2.2.1', '4.1.1'], invalid: [] });
  });

  it('reads a file with Windows line endings', () => {
    expect(parseIgnoreFile('1.1.1\r\n2.2.1\r\n')).toEqual({ ids: ['1.1.1', '2.2.1'], invalid: [] });
  });

  it('reports lines that are not ids with their line number', () => {
    expect(parseIgnoreFile('1.1.1\n# a comment\n\n2.2\t\n')).toEqual({
      ids: ['1.1.1'],
      invalid: [
        { line: 2, text: '# a comment' },
        { line: 4, text: '2.2' },
      ],
    });
  });
});
