import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In `npm run dev` the API runs on :3000 and Vite proxies /api to it; in production the API serves dist/.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source'] },
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:3000' } },
  build: { outDir: 'dist', emptyOutDir: true },
});
