import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** The most initial JavaScript (gzipped) the dashboard may load before its first page shows, in bytes. */
export const initialJsLimitBytes = 300 * 1024;

/** The part of a Rollup/Rolldown output chunk this needs. */
export interface ChunkInfo {
  type: 'chunk' | 'asset';
  fileName: string;
  isEntry?: boolean;
  imports?: readonly string[];
  code?: string;
}

/**
 * The chunks loaded before the first render: the entry chunks and
 * everything they import statically (dynamic imports, i.e. lazy pages, are
 * left out).
 *
 * @example initialChunks({ 'a.js': { type: 'chunk', fileName: 'a.js', isEntry: true, imports: ['b.js'], code: '' }, … }) // ['a.js', 'b.js']
 */
export function initialChunks(bundle: Readonly<Record<string, ChunkInfo>>): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const chunk = bundle[name];
    if (seen.has(name) || chunk?.type !== 'chunk') return;
    seen.add(name);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [name, chunk] of Object.entries(bundle))
    if (chunk.type === 'chunk' && chunk.isEntry) visit(name);
  return [...seen].sort();
}

/** Gzipped size of the initial chunks, in bytes. */
export function initialGzipBytes(bundle: Readonly<Record<string, ChunkInfo>>): number {
  return initialChunks(bundle).reduce(
    (sum, name) => sum + gzipSync(bundle[name]?.code ?? '', { level: 9 }).length,
    0,
  );
}

/**
 * Prints the initial JavaScript size after `vite build` and fails the build
 * when it is over {@link initialJsLimitBytes}.
 */
export function initialSizeReport(limitBytes = initialJsLimitBytes): Plugin {
  return {
    name: 'linewatch-initial-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const bytes = initialGzipBytes(bundle as unknown as Record<string, ChunkInfo>);
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      const line = `initial JS: ${kb(bytes)} gzipped (limit ${kb(limitBytes)}; ${initialChunks(bundle as unknown as Record<string, ChunkInfo>).length} chunk(s))`;
      if (bytes > limitBytes) this.error(`${line} — too large: lazy-load more of it.`);
      console.log(`\n${line}`);
    },
  };
}
