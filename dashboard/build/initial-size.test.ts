import { describe, expect, it } from 'vitest';
import { type ChunkInfo, initialChunks, initialGzipBytes } from './initial-size';

const chunk = (fileName: string, imports: string[] = [], isEntry = false): ChunkInfo => ({
  type: 'chunk',
  fileName,
  isEntry,
  imports,
  code: 'x'.repeat(1000),
});

describe('initialChunks', () => {
  it('follows static imports from the entry and leaves lazy chunks out', () => {
    const bundle = {
      'index.js': chunk('index.js', ['vendor.js'], true),
      'vendor.js': chunk('vendor.js', ['index.js']),
      'SitePage.js': chunk('SitePage.js', ['vendor.js']),
      'index.css': { type: 'asset' as const, fileName: 'index.css' },
    };
    expect(initialChunks(bundle)).toEqual(['index.js', 'vendor.js']);
    expect(initialGzipBytes(bundle)).toBeGreaterThan(0);
    expect(initialGzipBytes(bundle)).toBeLessThan(200);
  });
});
