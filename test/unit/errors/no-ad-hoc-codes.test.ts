import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isErrorCode } from '../../../src/error-codes.js';
import { REPO_ROOT } from '../../helpers/run-cli.js';

const SRC = path.join(REPO_ROOT, 'src');
/** The fake shops answer with the shops' own error codes, which are not ecom-sync's. */
const FAKE_SHOPS = /^platforms\/(sandbox|shopify-sandbox|woocommerce-sandbox)\//;
const CODE = /'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)'/g;

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(full)));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** The first argument of the call whose `(` is at `open`: up to the first comma outside brackets. */
function firstArgument(text: string, open: number): string {
  let depth = 0;
  for (let i = open + 1; i < text.length; i += 1) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth += 1;
    else if (c === ')' || c === ']' || c === '}') { if (depth === 0) return text.slice(open + 1, i); depth -= 1; }
    else if (c === ',' && depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

/** Every string that stands where an error code goes, with its line. */
function codeLiterals(text: string): Array<{ code: string; line: number }> {
  const found: Array<{ code: string; at: number }> = [];
  const collect = (region: string, at: number) => { for (const m of region.matchAll(CODE)) found.push({ code: m[1]!, at }); };
  // new XxxError('CODE', …), new XxxError(cond ? 'A' : 'B', …), fail('CODE', …), messageOf('CODE', …), this.error('CODE', …)
  for (const m of text.matchAll(/\b(?:new [A-Z]\w*Error|fail|messageOf|platformError|this\.error)\(/g)) collect(firstArgument(text, m.index + m[0].length - 1), m.index);
  // { code: 'CODE' }, { error: 'CODE' } (report and bulk rows), error.code === 'CODE', const code = … 'CODE' …;
  for (const m of text.matchAll(/\b(?:code|error)\s*:\s*'[^']*'|\berror\.code\s*[!=]==?\s*'[^']*'|\bconst code\s*=[^;]*;/g)) collect(m[0], m.index);
  return found.map(({ code, at }) => ({ code, line: text.slice(0, at).split('\n').length }));
}

describe('no ad-hoc error codes', () => {
  it('every code raised, reported or compared in src/ is in the catalogue (src/error-codes.ts)', async () => {
    const unknown: string[] = [];
    let seen = 0;
    for (const file of await sourceFiles(SRC)) {
      const relative = path.relative(SRC, file).split(path.sep).join('/');
      if (relative === 'error-codes.ts' || FAKE_SHOPS.test(relative)) continue;
      for (const { code, line } of codeLiterals(await readFile(file, 'utf8'))) {
        seen += 1;
        if (!isErrorCode(code)) unknown.push(`src/${relative}:${line}: ${code}`);
      }
    }
    expect(seen, 'the scan finds the codes of src/').toBeGreaterThan(150);
    expect(unknown, 'add the code to src/error-codes.ts (or use the catalogue\'s code for that problem)').toEqual([]);
  });

  it('the scan sees the shapes codes are written in', () => {
    const sample = [
      "throw new UsageError('NOT_A_CODE_1', 'x');",
      "throw new ValidationError(\n  cond ? 'NOT_A_CODE_2' : 'ORDER_NOT_FOUND',\n  `message`);",
      "rejected.push({ id_order: 1, error: 'NOT_A_CODE_3', message: 'x' });",
      "if (error.code === 'NOT_A_CODE_4') return;",
      "const code = aborted ? 'NOT_A_CODE_5' : 'PLATFORM_TIMEOUT';",
      "throw fail('NOT_A_CODE_6', { id });",
      "throw new ConfigError('a message with \\'QUOTED_WORDS\\' is no code');",
    ].join('\n');
    const codes = codeLiterals(sample).map((c) => c.code).filter((c) => !isErrorCode(c));
    expect(codes).toEqual(['NOT_A_CODE_1', 'NOT_A_CODE_2', 'NOT_A_CODE_6', 'NOT_A_CODE_3', 'NOT_A_CODE_4', 'NOT_A_CODE_5']);
  });
});
