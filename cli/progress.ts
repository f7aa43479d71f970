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
      stream.write(`\r${label} ${percent}%`);
    },
    done() {
      if (stream.isTTY && last >= 0) stream.write("\r\x1b[K");
      last = -1;
    }
  };
}
