/**
 * Reads a V8 `.cpuprofile` (from `npm run bench -- --cpu-prof`) and lists where the time went:
 * self time by function and by file. `node dist/bench/cpu-profile-summary.js <file> [top]`.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileLine {
  name: string;
  ms: number;
  share: number;
}

function shortUrl(url: string): string {
  const at = url.indexOf('/node_modules/');
  if (at >= 0) return url.slice(at + 1);
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + 1) : url || '(native)';
}

export function summarizeProfile(profile: CpuProfile, top = 25): { byFunction: ProfileLine[]; byFile: ProfileLine[]; totalMs: number } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const totalUs = profile.endTime - profile.startTime;
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) continue;
    const file = shortUrl(frame.url);
    const fn = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  const lines = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, ms: us / 1000, share: us / totalUs }));
  return { byFunction: lines(byFunction), byFile: lines(byFile), totalMs: totalUs / 1000 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node dist/bench/cpu-profile-summary.js <file.cpuprofile> [top]');
  const summary = summarizeProfile(JSON.parse(await readFile(file, 'utf8')) as CpuProfile, Number(process.argv[3] ?? 25));
  const print = (title: string, lines: ProfileLine[]) => {
    console.log(`\n${title} (of ${summary.totalMs.toFixed(0)} ms)`);
    for (const line of lines) console.log(`${line.ms.toFixed(0).padStart(8)} ms ${(line.share * 100).toFixed(1).padStart(5)}%  ${line.name}`);
  };
  print('self time by function', summary.byFunction);
  print('self time by file', summary.byFile);
}
