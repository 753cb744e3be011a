/** A small structured logger; never give it secrets (tokens, passwords). */
export type LogLevel = 'debug' | 'info' | 'warning' | 'error';
const order: Record<LogLevel, number> = { debug: 0, info: 1, warning: 2, error: 3 };

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (l) => process.stderr.write(l + '\n')
): Logger {
  const emit = (at: LogLevel, message: string, data?: Record<string, unknown>) => {
    if (order[at] < order[level]) return;
    write(`${new Date().toISOString()} ${at.toUpperCase()} ${message}${data ? ' ' + JSON.stringify(data) : ''}`);
  };
  return {
    debug: (m, d) => emit('debug', m, d),
    info: (m, d) => emit('info', m, d),
    warn: (m, d) => emit('warning', m, d),
    error: (m, d) => emit('error', m, d)
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
