// `vite` serves the demo gallery (demo/). `vite build` writes the library to dist/ as ES modules, one file per source
// module with the dependencies left as imports (so a bundler drops what is not used); `vite build --mode standalone`
// adds dist/heatgl.standalone.js, one minified ES module with the dependencies inlined for plain HTML pages and CDNs
// (Apache Arrow stays a chunk loaded when Arrow data is first read). Types come from tsc (tsconfig.build.json).
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { zarrStores } from './demo/vite-zarr-plugin';

const root = import.meta.dirname;
const DEPENDENCIES = [/^regl($|\/)/, /^gl-matrix($|\/)/, /^colormap($|\/)/, /^papaparse($|\/)/, /^apache-arrow($|\/)/, /^zarrita($|\/)/];

export default defineConfig(({ command, mode }) => {
  if (command === 'build' && mode === 'standalone') {
    // An application build (not lib mode, which leaves ES output unminified): one entry file, chunks only for what
    // is loaded on demand, and the entry may export extra names for those chunks rather than become a facade.
    return {
      base: './',
      build: {
        outDir: resolve(root, 'dist'),
        emptyOutDir: false,
        sourcemap: false,
        modulePreload: false,
        copyPublicDir: false,
        rollupOptions: {
          input: resolve(root, 'src/standalone.ts'),
          preserveEntrySignatures: 'allow-extension',
          output: { format: 'es', entryFileNames: 'heatgl.standalone.js', chunkFileNames: 'standalone/[name]-[hash].js' },
        },
      },
      worker: { format: 'es', rollupOptions: { output: { entryFileNames: 'workers/[name]-[hash].js' } } },
    };
  }
  if (command === 'build') {
    return {
      // Relative asset URLs: the clustering worker's file is found next to the module that starts it.
      base: './',
      build: {
        outDir: resolve(root, 'dist'),
        emptyOutDir: true,
        // No source maps: the modules are not minified and map one to one onto src/ (see README, "Package").
        sourcemap: false,
        minify: false,
        lib: { entry: resolve(root, 'src/index.ts'), formats: ['es'] },
        rollupOptions: {
          external: DEPENDENCIES,
          output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
        },
      },
      worker: { format: 'es', rollupOptions: { output: { entryFileNames: 'workers/[name]-[hash].js' } } },
    };
  }
  return {
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
  };
});
