import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, ERROR_KINDS, ExitCode, isErrorCode, renderTemplate, type ErrorCode } from '../../../src/error-codes.js';
import {
  ConflictError, type EcomSyncError, fail, HttpError, NotFoundError, PlatformError, UsageError, ValidationError,
} from '../../../src/errors.js';
import { REPO_ROOT } from '../../helpers/run-cli.js';

const entries = Object.values(ERROR_CATALOGUE);

/** The README's "Exit codes" table: code → meaning. */
async function readmeExitCodes(): Promise<Map<number, string>> {
  const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.split('\n## Exit codes\n')[1]?.split('\n## ')[0] ?? '';
  return new Map([...section.matchAll(/^\| (\d) \| (.+) \|$/gm)].map((m) => [Number(m[1]), m[2]!]));
}

/** The README's "Error codes" table: one row per class and status, listing its codes. */
async function readmeErrorCodes(): Promise<Array<{ kind: string; http: number; exit: number; codes: string[] }>> {
  const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.split('\n## Error codes\n')[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(/^\| ([a-z-]+) \| (\d{3}) \| (\d) \| (.+) \|$/gm)]
    .map((m) => ({ kind: m[1]!, http: Number(m[2]), exit: Number(m[3]), codes: [...m[4]!.matchAll(/`([A-Z0-9_]+)`/g)].map((c) => c[1]!) }));
}

describe('the error catalogue: code ↔ HTTP status ↔ exit code', () => {
  it('every code has the exit code and HTTP status of its class, and a hint', () => {
    expect(entries.length).toBeGreaterThan(50);
    for (const entry of entries) {
      const kind = ERROR_KINDS[entry.kind];
      expect(entry.exit, entry.code).toBe(kind.exit);
      if (kind.http !== null) expect(entry.http, entry.code).toBe(kind.http);
      else expect(entry.http, entry.code).toBeGreaterThanOrEqual(400);
      expect(entry.code, 'codes are UPPER_SNAKE').toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(entry.hint.trim().length, `${entry.code} has a hint`).toBeGreaterThan(10);
      expect(entry.hint, `${entry.code}: a hint says what to do, it has no placeholder`).not.toMatch(/\{[a-z_]+\}/);
    }
  });

  it('statuses follow the exit codes: 4xx for a refused request (exit 2), 5xx for config, database, platform and bugs', () => {
    for (const entry of entries) {
      if (entry.exit === ExitCode.usage) expect(entry.http >= 400 && entry.http < 500, entry.code).toBe(true);
      if (entry.exit === ExitCode.config || entry.exit === ExitCode.platform || entry.exit === ExitCode.internal) expect(entry.http, entry.code).toBeGreaterThanOrEqual(500);
      if (entry.exit === ExitCode.partial) expect(entry.http, entry.code).toBe(207);
    }
  });

  it('every exit code of the catalogue is one of the README\'s table, and the table has no other', async () => {
    const documented = await readmeExitCodes();
    expect([...documented.keys()].sort()).toEqual(Object.values(ExitCode).sort());
    for (const entry of entries) expect(documented.has(entry.exit), entry.code).toBe(true);
  });

  it('an error built from a code carries its entry\'s status, exit code and hint, and is of its class', () => {
    const cases: Array<[EcomSyncError, new (...args: never[]) => EcomSyncError]> = [
      [new UsageError('INVALID_ARGUMENT', 'x'), UsageError],
      [new ValidationError('INVALID_STATE', 'x'), ValidationError],
      [new NotFoundError('TRANSITION_NOT_FOUND', 'x'), NotFoundError],
      [new ConflictError('STORE_EXISTS', 'x'), ConflictError],
      [new HttpError('METHOD_NOT_ALLOWED', 'x'), HttpError],
      [new PlatformError('PLATFORM_UNAUTHORIZED', 'x'), PlatformError],
      [fail('ORDER_NOT_FOUND', { id: 32 }), NotFoundError],
      [fail('SYNC_JOB_NOT_FOUND', { id: 7 }), NotFoundError],
      [fail('UNKNOWN_PLATFORM', { platform: 'Magento', where: 'store Shop (#2)' }), ValidationError],
    ];
    for (const [error, Class] of cases) {
      const entry = ERROR_CATALOGUE[error.code];
      expect(error).toBeInstanceOf(Class);
      expect({ status: error.httpStatus, exit: error.exitCode, hint: error.hint }).toEqual({ status: entry.http, exit: entry.exit, hint: entry.hint });
    }
    expect(fail('ORDER_NOT_FOUND', { id: 32 }).message).toBe('order 32 does not exist');
    // A hint given where the error is raised says more than the catalogue's, and wins.
    expect(new ValidationError('INVALID_STATE', 'x', { hint: 'Use 1 or 2.' }).hint).toBe('Use 1 or 2.');
  });

  it('message templates fill every placeholder', () => {
    for (const entry of entries.filter((e) => e.message !== null)) {
      const names = [...entry.message!.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]!);
      expect(names.length, `${entry.code} has a template with placeholders`).toBeGreaterThan(0);
      const rendered = renderTemplate(entry.message!, Object.fromEntries(names.map((n) => [n, 'X'])));
      expect(rendered, entry.code).not.toMatch(/[{}]/);
    }
  });

  it('the same problem has one code: no two codes share a message template or a hint', () => {
    const seen = new Map<string, ErrorCode>();
    for (const entry of entries) {
      for (const text of [entry.message, entry.hint]) {
        if (text === null) continue;
        expect(seen.get(text), `${entry.code} repeats ${seen.get(text)}: ${text}`).toBeUndefined();
        seen.set(text, entry.code);
      }
    }
    for (const gone of ['JOB_NOT_FOUND', 'PLATFORM_UNSUPPORTED']) expect(isErrorCode(gone), gone).toBe(false);
  });

  it('README.md\'s "Error codes" table lists every code once, with its class, HTTP status and exit code', async () => {
    const rows = await readmeErrorCodes();
    const documented = rows.flatMap((row) => row.codes.map((code) => ({ code, kind: row.kind, http: row.http, exit: row.exit })));
    const expected = entries.map((e) => ({ code: e.code, kind: e.kind, http: e.http, exit: e.exit }));
    const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
    expect(documented.sort(byCode)).toEqual(expected.sort(byCode));
  });
});
