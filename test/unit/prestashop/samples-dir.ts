import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** PrestaShop requests and answers in their real shapes, kept as fixtures in the repository. */
export const samplesDir = path.resolve(fileURLToPath(new URL('../../fixtures/prestashop-samples', import.meta.url)));

export function readSample(name: string): string {
  return readFileSync(path.join(samplesDir, name), 'utf8');
}

export function sampleNames(): string[] {
  return readdirSync(samplesDir).sort();
}
