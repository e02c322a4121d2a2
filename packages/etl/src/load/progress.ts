import type { LoadProgress } from './file-loader';

/**
 * Progress for a person at a terminal (a bar redrawn in place) or for a log (a plain line every few seconds).
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): {
  update(p: LoadProgress): void;
  done(): void;
} {
  const tty = Boolean(stream.isTTY);
  // Plain-line interval; ETL_PROGRESS_INTERVAL_MS=0 prints every event (used by the crash test to kill mid-load).
  const interval = Number(process.env.ETL_PROGRESS_INTERVAL_MS ?? 5000);
  const started = Date.now();
  let lastLine = 0;
  return {
    update(p) {
      const fraction = p.size > 0 ? Math.min(1, p.bytesRead / p.size) : 0;
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      const rate = Math.round(p.rowsRead / seconds);
      if (tty) {
        const width = 30;
        const filled = Math.round(fraction * width);
        stream.write(
          `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${p.rowsRead.toLocaleString('zh-CN')} 行  ${rate.toLocaleString('zh-CN')} 行/秒 `,
        );
      } else if (p.phase || Date.now() - lastLine >= interval) {
        lastLine = Date.now();
        stream.write(
          `progress ${(fraction * 100).toFixed(1)}% rows=${p.rowsRead} rows/s=${rate}${p.phase ? ` phase=${p.phase}` : ''}\n`,
        );
      }
    },
    done() {
      if (tty) stream.write('\n');
    },
  };
}
