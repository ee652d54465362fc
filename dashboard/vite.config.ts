import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { initialSizeReport } from './build/initial-size.ts';

/** Where `linewatch-server` listens in development (`LINEWATCH_HTTP_PORT`, default 8080). */
const devServer = 'http://localhost:8080';

// The root is this folder, so `vite build dashboard` from the repository root
// and `vite build` from here produce the same `dashboard/dist`.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), initialSizeReport()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Minified sizes; the gzipped initial JS is what counts and is checked by initialSizeReport.
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: {
      '/api': { target: devServer, changeOrigin: false },
      '/healthz': { target: devServer },
    },
  },
});
