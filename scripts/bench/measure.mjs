// Runs one benchmark command as a child process under `/usr/bin/time -v`
// (peak RSS and CPU time of the child) with its stdout sent to /dev/null or
// a file. In-process benchmarks print one JSON line with their own timing,
// which then replaces the process's wall time (module loading excluded).
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

const TIME = '/usr/bin/time';

/**
 * @returns {Promise<{ seconds: number, cpuSeconds: number, maxRssKb: number, stdout: string }>}
 */
export function measure(argv, { stdoutFile = '/dev/null', captureStdout = false, env } = {}) {
  return new Promise((resolve, reject) => {
    const outFd = captureStdout ? 'pipe' : openSync(stdoutFile, 'w');
    const t0 = process.hrtime.bigint();
    const child = spawn(TIME, ['-v', ...argv], { stdio: ['ignore', outFd, 'pipe'], env: env ?? process.env });
    let stdout = '';
    let stderr = '';
    if (captureStdout) child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (typeof outFd === 'number') closeSync(outFd);
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      const status = /Exit status: (\d+)/.exec(stderr);
      if (code !== 0 || (status && status[1] !== '0')) {
        reject(new Error(`${argv.join(' ')} failed (exit ${status?.[1] ?? code}):\n${stderr.slice(-2000)}`));
        return;
      }
      const num = (re) => Number(re.exec(stderr)?.[1] ?? NaN);
      resolve({
        seconds: wall,
        cpuSeconds: num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/),
        maxRssKb: num(/Maximum resident set size \(kbytes\): (\d+)/),
        stdout,
      });
    });
  });
}

/** Measure an in-process benchmark script: its own JSON report for time, /usr/bin/time for RSS. */
export async function measureScript(argv) {
  const r = await measure(argv, { captureStdout: true });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  const own = JSON.parse(line);
  return { seconds: own.seconds, cpuSeconds: own.cpuSeconds, maxRssKb: r.maxRssKb, packets: own.packets, extra: own };
}
