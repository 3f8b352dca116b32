// `npm run test:package` (run by .ci/run after `npm run build`): packs heatgl, installs the tarball with production
// dependencies only into an empty temporary folder, and tries it there as a user would.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'package',
    root: import.meta.dirname,
    include: ['*.test.ts'],
    environment: 'node',
    globalSetup: ['setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
