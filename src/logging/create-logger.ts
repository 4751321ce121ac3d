import { Writable } from 'node:stream';
import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

/** Keys that may hold a secret anywhere in a log record: pino replaces their values. */
export const REDACTED_PATHS = [
  'api_key', '*.api_key', 'apiKey', '*.apiKey', 'token', '*.token', 'authorization', '*.authorization',
  'headers.authorization', 'req.headers.authorization', 'password', '*.password',
];

export interface LoggerOptions {
  level: LevelWithSilent;
  /** 'json' for the daemon (one JSON object a line), 'plain' for the CLI: `LEVEL - message`. */
  format: 'json' | 'plain';
  destination: NodeJS.WritableStream;
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARNING', 50: 'ERROR', 60: 'CRITICAL' };

/** Renders pino records as the spec's log lines, e.g. `INFO - Updated order 32.id_ecommerce_state to 3`. */
function plainStream(destination: NodeJS.WritableStream): DestinationStream {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        try {
          const record = JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } };
          const suffix = record.err?.message && record.msg !== record.err.message ? `: ${record.err.message}` : '';
          destination.write(`${LEVEL_NAMES[record.level] ?? record.level} - ${record.msg ?? ''}${suffix}\n`);
        } catch {
          destination.write(`${line}\n`);
        }
      }
      callback();
    },
  });
}

export function createLogger(options: LoggerOptions): Logger {
  const stream = options.format === 'plain' ? plainStream(options.destination) : (options.destination as DestinationStream);
  return pino(
    {
      level: options.level,
      base: undefined,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: options.format === 'json' ? pino.stdTimeFunctions.isoTime : false,
    },
    stream,
  );
}
