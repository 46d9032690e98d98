import { describe, expect, it } from 'vitest';
import { formatIPv4, parseIPv4 } from './ipv4.js';

describe('parseIPv4', () => {
  it.each([
    ['10.96.0.1', 0x0a600001],
    ['0.0.0.0', 0],
    ['255.255.255.255', 0xffffffff],
    ['010.001.000.001', 0x0a010001], // leading zeros read as decimal (ParseCIDRSloppy)
  ])('%s is %d', (text, n) => {
    expect(parseIPv4(text)).toBe(n);
    expect(formatIPv4(n)).toBe(text.replace(/\b0+(\d)/g, '$1'));
  });

  it.each(['', '10.96.0', '10.96.0.1.2', '10.96.0.256', '10.96..1', '.10.96.0', '10.96.0.', '1000.0.0.1', '10.96.0.1 ', 'a.b.c.d', '::1', '10.96.0.-1'])(
    'refuses %j',
    (text) => {
      expect(parseIPv4(text)).toBeUndefined();
    },
  );
});
