import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

let names: Map<number, string> | null = null;

/** Loaded on first use: only trees that keep the *.oui_resolved fields need it. */
function load(): Map<number, string> {
  const m = new Map<number, string>();
  try {
    const text = gunzipSync(readFileSync(new URL('../../data/oui-names.tsv.gz', import.meta.url))).toString('utf8');
    for (const line of text.split('\n')) {
      const tab = line.indexOf('\t');
      if (tab === 6) m.set(parseInt(line.slice(0, 6), 16), line.slice(7));
    }
  } catch {
    // Without the table the vendor names are simply not shown.
  }
  return m;
}

/** The vendor registered for a 24-bit OUI (Wireshark's manuf long name), if known. */
export function ouiVendor(oui: number): string | undefined {
  names ??= load();
  return names.get(oui);
}
