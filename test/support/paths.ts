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

/** Captures written for what the corpus lacks (layers 2-4 crafted by the make-*.ts beside them) and the lab traffic from real servers. */
const CRAFTED_CAPTURE_DIRS = ['packages/core/test/network/captures', 'packages/core/test/transport/captures', 'test/lab-traffic/captures'];

/** Captures in repository folders `dirs`, as absolute paths, in folder then name order. */
function shippedCaptures(dirs: readonly string[]): string[] {
  return dirs.flatMap((d) => readdirSync(join(repoRoot, d)).filter((n) => /\.pcap(ng)?$/.test(n)).sort().map((n) => join(repoRoot, d, n)));
}

/** The crafted captures and the lab traffic (see CRAFTED_CAPTURE_DIRS): fuzz seeds, and swept by conformance tests whole. */
export function craftedCaptures(): string[] {
  return shippedCaptures(CRAFTED_CAPTURE_DIRS);
}

/** The corpus and every capture this repository ships (crafted HTTP and FTP captures, lab and lab traffic, robustness, fuzz regressions, the mixed-traffic fixture). */
export function corpusAndShippedCaptures(): string[] {
  const shipped = shippedCaptures(['packages/http/test/captures', 'packages/ftp/test/fixtures', ...CRAFTED_CAPTURE_DIRS, 'fixtures/lab', 'packages/cli/test/stats/captures', 'fixtures/robustness', 'fixtures/fuzz-regressions', 'fixtures/code-cache']);
  return [...corpusFiles(), ...shipped];
}
