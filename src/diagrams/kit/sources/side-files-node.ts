/** The same side files read from disk, for Node (tests and the example script); never bundled for pages. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sideFilesFrom, type SideFiles } from '../../../model/assets';
import type { WeightsManifest } from '../../../model/weights';

export function readSideFiles(modelDir: string): SideFiles {
  const manifest = JSON.parse(readFileSync(join(modelDir, 'weights.json'), 'utf8')) as WeightsManifest;
  return sideFilesFrom(manifest, (file) => {
    const buf = readFileSync(join(modelDir, file));
    return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  });
}
