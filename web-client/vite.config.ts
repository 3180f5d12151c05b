import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Sources live under src/main/web (so the suite's staleness check sees them); the build goes straight into
// target/classes/static, which Maven packages into the jar the gateway serves at "/".
// `npm run dev` serves the client on :5173 and proxies the API to a running gateway (SNS_GATEWAY_URL).
export default defineConfig({
  root: fileURLToPath(new URL('./src/main/web', import.meta.url)),
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('./target/classes/static', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: process.env.SNS_GATEWAY_URL ?? 'http://localhost:8080', changeOrigin: true },
    },
  },
});
