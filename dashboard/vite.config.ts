import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `linewatch-server` listens in development (`LINEWATCH_HTTP_PORT`, default 8080). */
const devServer = 'http://localhost:8080';

// The root is this folder, so `vite build dashboard` from the repository root
// and `vite build` from here produce the same `dashboard/dist`.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: devServer, changeOrigin: false },
      '/healthz': { target: devServer },
    },
  },
});
