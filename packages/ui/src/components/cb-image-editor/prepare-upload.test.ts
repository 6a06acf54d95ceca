import { describe, expect, it } from 'vitest';
import { bytesToBase64, fitWithin } from './prepare-upload';

describe('fitWithin', () => {
  it('leaves a picture that fits alone', () => {
    expect(fitWithin(512, 300)).toEqual({ width: 512, height: 300, scaled: false });
  });
  it('scales the longer side down to 512 keeping the aspect ratio', () => {
    expect(fitWithin(2048, 1024)).toEqual({ width: 512, height: 256, scaled: true });
    expect(fitWithin(1000, 3000)).toEqual({ width: 171, height: 512, scaled: true });
  });
});

describe('bytesToBase64', () => {
  it('matches the standard encoding, also past one chunk', () => {
    expect(bytesToBase64(new TextEncoder().encode('Convbook'))).toBe('Q29udmJvb2s=');
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'));
  });
});
