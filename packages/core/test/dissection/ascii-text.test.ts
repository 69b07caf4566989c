import { describe, expect, it } from 'vitest';
import { asciiLower } from '../../src/dissection/ascii-text.js';

describe('asciiLower (g_ascii_strdown)', () => {
  it('lower-cases A-Z and leaves the rest of ASCII alone', () => {
    expect(asciiLower('Content-Type')).toBe('content-type');
    expect(asciiLower('X-MAILER_2: @[]')).toBe('x-mailer_2: @[]');
    expect(asciiLower('already lower')).toBe('already lower');
    expect(asciiLower('')).toBe('');
  });

  it('changes no letter beyond ASCII, wherever it stands', () => {
    // toLowerCase would turn these into à, é, k (the Kelvin sign) and i̇.
    expect(asciiLower('ÀBC')).toBe('Àbc');
    expect(asciiLower('SUBJÉCT')).toBe('subjÉct');
    expect(asciiLower('\u212aEY')).toBe('\u212aey');
    expect(asciiLower('FROM\u0130')).toBe('from\u0130');
  });
});
