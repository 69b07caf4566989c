// The one-line JSON an in-process benchmark prints: packets, bytes read, its
// own elapsed and CPU time (module loading excluded) and the process's peak RSS.
export function reportInProcess({ packets, bytes, t0, cpu0 = { user: 0, system: 0 }, extra = {} }) {
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const ru = process.resourceUsage();
  const cpuSeconds = (ru.userCPUTime - cpu0.user + ru.systemCPUTime - cpu0.system) / 1e6;
  process.stdout.write(JSON.stringify({ packets, bytes, seconds, cpuSeconds, maxRssKb: ru.maxRSS, ...extra }) + '\n');
}

/** CPU time so far, to subtract module loading from what is reported. */
export function cpuNow() {
  const ru = process.resourceUsage();
  return { user: ru.userCPUTime, system: ru.systemCPUTime };
}
