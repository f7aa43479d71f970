/**
 * Progress on standard error for long work: a line rewritten in place on a terminal, silence otherwise
 * (logs and pipes get only the final report).
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  let last = -1;
  return {
    update(label: string, fraction: number) {
      if (!stream.isTTY) return;
      const percent = Math.floor(fraction * 100);
      if (percent === last) return;
      last = percent;
      // Cleared to the end of the line: a shorter label must not leave the end of a longer one behind it.
      stream.write(`\r${label} ${percent}%\x1b[K`);
    },
    done() {
      if (stream.isTTY && last >= 0) stream.write("\r\x1b[K");
      last = -1;
    }
  };
}
