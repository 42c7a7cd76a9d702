import * as path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The portal's build: served by the gateway under /portal/ (dist/portal by
 * default; VALLEY_PORTAL_OUT_DIR moves it, as the browser test does). In
 * development, `npx vite apps/portal` proxies the gateway on :4000.
 */
export default defineConfig({
  root: __dirname,
  base: '/portal/',
  plugins: [react()],
  build: {
    outDir: process.env['VALLEY_PORTAL_OUT_DIR'] ?? path.resolve(__dirname, '../../dist/portal'),
    emptyOutDir: true,
    // ECharts (only the charts used, see echart.tsx) in a chunk of its own, cached by its hash.
    chunkSizeWarningLimit: 1000,
    rollupOptions: { output: { manualChunks: (id) => (/node_modules\/(echarts|zrender)\//.test(id) ? 'echarts' : undefined) } },
    reportCompressedSize: false,
  },
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:4000', ws: true },
      '/portal/config.json': 'http://127.0.0.1:4000',
      '/portal/api': 'http://127.0.0.1:4000',
      '/downloads': 'http://127.0.0.1:4000',
    },
  },
});
