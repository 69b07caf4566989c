import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** ../shared/captures next to the repository, as CI has it. */
export const corpusDir = join(repoRoot, '..', 'shared', 'captures');
export const goldensDir = join(repoRoot, 'fixtures', 'goldens');

export function corpusAvailable(): boolean {
  return existsSync(corpusDir);
}

/** Every capture in the corpus, sorted, as absolute paths. */
export function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(pcap|pcapng)$/.test(n)) out.push(p);
    }
  };
  walk(corpusDir);
  return out;
}

/** Golden file stem for a corpus capture ("dns/dns_udp.pcap" -> "dns__dns_udp.pcap"). */
export function goldenName(file: string): string {
  return relative(corpusDir, file).replaceAll('/', '__');
}

export function corpusPath(rel: string): string {
  return join(corpusDir, rel);
}

/** The corpus and every capture this repository ships (crafted HTTP and FTP captures, lab and lab traffic, robustness, fuzz regressions, the mixed-traffic fixture). */
export function corpusAndShippedCaptures(): string[] {
  const shipped = ['packages/http/test/captures', 'packages/ftp/test/fixtures', 'packages/core/test/network/captures', 'packages/core/test/transport/captures', 'fixtures/lab', 'test/lab-traffic/captures', 'packages/cli/test/stats/captures', 'fixtures/robustness', 'fixtures/fuzz-regressions', 'fixtures/code-cache'].flatMap((d) =>
    readdirSync(join(repoRoot, d)).filter((n) => /\.pcap(ng)?$/.test(n)).map((n) => join(repoRoot, d, n)),
  );
  return [...corpusFiles(), ...shipped];
}
