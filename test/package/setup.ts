// Packs the built package (`npm pack`) and installs the tarball with `npm install <tarball> --omit=dev` into an empty
// temporary folder (the consumer); tests read and run what landed there. Needs `npm run build` first.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    consumer: string;
    tarball: string;
  }
}

const repo = resolve(import.meta.dirname, '../..');

export default function setup(project: TestProject) {
  if (!existsSync(join(repo, 'dist/index.js')) || !existsSync(join(repo, 'dist/heatgl.standalone.js'))) {
    throw new Error('test:package needs the built package: run npm run build first');
  }
  const work = mkdtempSync(join(tmpdir(), 'heatgl-package-'));
  const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], repo)) as { filename: string }[];
  const tarball = join(work, (packed[0] as { filename: string }).filename);
  const consumer = join(work, 'consumer');
  execFileSync('mkdir', [consumer]);
  writeFileSync(join(consumer, 'package.json'), `${JSON.stringify({ name: 'heatgl-consumer', private: true, type: 'module' }, null, 2)}\n`);
  npm(['install', tarball, '--omit=dev', '--no-audit', '--no-fund', '--no-package-lock'], consumer);
  project.provide('consumer', consumer);
  project.provide('tarball', tarball);
  return () => rmSync(work, { recursive: true, force: true });
}
