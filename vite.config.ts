// `vite` serves the demo gallery (demo/), `vite build` writes the library to dist/ (types come from tsc).
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { zarrStores } from './demo/vite-zarr-plugin';

const root = import.meta.dirname;

export default defineConfig(({ command }) =>
  command === 'build'
    ? {
        build: {
          outDir: resolve(root, 'dist'),
          emptyOutDir: true,
          sourcemap: true,
          lib: { entry: resolve(root, 'src/index.ts'), formats: ['es'], fileName: 'heatgl' },
          rollupOptions: { external: [/^regl($|\/)/, /^gl-matrix($|\/)/, /^colormap($|\/)/, /^papaparse($|\/)/, /^apache-arrow($|\/)/, /^zarrita($|\/)/] },
        },
      }
    : {
        root: resolve(root, 'demo'),
        plugins: [zarrStores(root)],
        resolve: {
          alias: {
            heatgl: resolve(root, 'src/index.ts'),
            // vega-datasets' package exports hide its data files; the demo bundles them from the package folder.
            '@vega-datasets': resolve(root, 'node_modules/vega-datasets/data'),
          },
        },
        server: { host: '127.0.0.1', port: 5173, fs: { allow: [root] } },
      },
);
