// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

export default defineConfig({
  site: 'http://localhost:4321',
  trailingSlash: 'always',
  integrations: [mdx()],
  build: { inlineStylesheets: 'auto' },
  vite: {
    worker: { format: 'es' },
    // transformers.js ships its own onnxruntime-web; keep it out of dep pre-bundling.
    optimizeDeps: { exclude: ['@huggingface/transformers'] },
  },
});
