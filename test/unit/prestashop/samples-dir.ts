import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The recorded PrestaShop answers shared by the team, next to the repository. */
export const samplesDir = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)), '../shared/prestashop/samples');

export function readSample(name: string): string {
  return readFileSync(path.join(samplesDir, name), 'utf8');
}

export function sampleNames(): string[] {
  return readdirSync(samplesDir).sort();
}
