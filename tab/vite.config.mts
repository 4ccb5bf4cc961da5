import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the tab into tab/dist, served by the server under /tab/. */
export default defineConfig({
  root: __dirname,
  base: '/tab/',
  plugins: [react()],
  build: {
    outDir: path.join(__dirname, 'dist'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3978', '/dev-auth': 'http://127.0.0.1:3978' } },
});
