import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '@netdissect/dns';
import '@netdissect/http';
import '@netdissect/ftp';
import '@netdissect/smtp';
import '@netdissect/pop3';
import '@netdissect/imap';
import { FT, fieldRegistry, type FieldDef } from '@netdissect/core';
import { goldensDir } from '../support/paths.js';

// Every field netdissect defines against how tshark 4.0 registers the same
// abbreviation (`tshark -G fields`, recorded by
// `node scripts/record-goldens.mjs --set field-registry`): a filter or -e
// that works in one works in the other, and names and types agree, so a
// misspelt abbreviation (a field tshark does not have) shows here even
// where no capture exercises it.

/** Fields of netdissect's own, for its resource limits: tshark has none of these limits. */
const OWN_FIELDS = new Set([
  '_ws.limit.open_flows', '_ws.limit.ip_fragments', 'mime_multipart.parts_limit_reached', 'tcp.reassembly.limit',
  'dns.name.pointer_limit', 'ftp.data_connection.limit', 'smtp.data.limit_reached', 'pop.data.limit_reached', 'imap.literal.too_large',
]);

/**
 * Types that differ from tshark's registration with the same output:
 * Wireshark registers TCP's and IPv4's options as protocols whose value is
 * the option's bytes (`-e tcp.options.mss` prints 020405b4 in both).
 */
const TYPE_DEVIATIONS = new Map([
  ...['nop', 'eol', 'mss', 'wscale', 'sack_perm', 'sack', 'timestamp', 'echo', 'echoreply', 'tfo', 'unknown', 'cc', 'md5', 'user_to', 'scps', 'snack', 'scpsrec', 'scpscor', 'qs', 'ao', 'experimental'].map((o) => [`tcp.options.${o}`, 'FT_PROTOCOL'] as const),
  ...['eol', 'nop', 'security', 'route', 'timestamp', 'ext_security', 'cipso', 'record_route', 'sid', 'source_route', 'mtu_probe', 'mtu_reply', 'traceroute', 'routeralert', 'sdb', 'qs']
    .map((o) => [`ip.options.${o}`, 'FT_PROTOCOL'] as const),
  // A GIF data block's item covers its bytes after the length byte, whose value is the same as Wireshark's counted bytes.
  ['image-gif.data_block', 'FT_UINT_BYTES'],
]);

const FT_NAMES = new Map<number, string>(Object.entries(FT).map(([name, v]) => [v, `FT_${name}`]));

interface Registry {
  tshark: string;
  fields: Record<string, Array<[name: string, type: string, mask: string]>>;
}

const registry = JSON.parse(readFileSync(join(goldensDir, 'field-registry.json'), 'utf8')) as Registry;

/** netdissect's definitions by abbreviation (a few abbreviations have more than one, as in Wireshark). */
function definitions(): Map<string, FieldDef[]> {
  const out = new Map<string, FieldDef[]>();
  for (const def of fieldRegistry.all()) {
    const list = out.get(def.abbrev) ?? [];
    list.push(def);
    out.set(def.abbrev, list);
  }
  return out;
}

describe(`field definitions agree with ${registry.tshark.split(' (')[0]}'s registry`, () => {
  const defs = definitions();

  it('every field was recorded (a new field needs `record-goldens.mjs --set field-registry`)', () => {
    expect([...defs.keys()].filter((abbrev) => !(abbrev in registry.fields))).toEqual([]);
  });

  it("every abbreviation is one tshark has, except netdissect's own limit fields", () => {
    const unknown = [...defs.keys()].filter((abbrev) => registry.fields[abbrev]?.length === 0 && !OWN_FIELDS.has(abbrev));
    expect(unknown).toEqual([]);
    // The exceptions stay true: each is defined, and tshark has no such field.
    for (const abbrev of OWN_FIELDS) expect(registry.fields[abbrev], abbrev).toEqual([]);
  });

  it('names and types match one of tshark\'s registrations of the abbreviation', () => {
    const wrong: string[] = [];
    for (const [abbrev, list] of defs) {
      const theirs = registry.fields[abbrev];
      if (!theirs?.length) continue;
      const named = list.some((d) => theirs.some(([name]) => name === d.name));
      if (!named) wrong.push(`${abbrev}: name ${list.map((d) => JSON.stringify(d.name)).join('/')}, tshark ${theirs.map(([n]) => JSON.stringify(n)).join('/')}`);
      const typed = list.some((d) => theirs.some(([, type]) => type === FT_NAMES.get(d.type))) || theirs.some(([, type]) => type === TYPE_DEVIATIONS.get(abbrev));
      if (!typed) wrong.push(`${abbrev}: type ${list.map((d) => FT_NAMES.get(d.type)).join('/')}, tshark ${theirs.map(([, t]) => t).join('/')}`);
    }
    expect(wrong).toEqual([]);
  });

  // tshark -G lists one registration of an abbreviation a protocol registers several times
  // (LLC's control bits at 8 and 16 bits): one of netdissect's must then match it.
  it('bitmasks match where both give one', () => {
    const wrong: string[] = [];
    for (const [abbrev, list] of defs) {
      const theirs = registry.fields[abbrev] ?? [];
      const masks = theirs.map(([, , mask]) => BigInt(mask || '0')).filter((m) => m !== 0n);
      const mine = list.map((d) => BigInt(d.bitmask ?? 0)).filter((m) => m !== 0n);
      if (!masks.length || !mine.length) continue;
      if (!mine.some((m) => masks.includes(m))) wrong.push(`${abbrev}: ${mine.map((m) => `0x${m.toString(16)}`).join('/')}, tshark ${masks.map((m) => `0x${m.toString(16)}`).join('/')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the type deviations are still deviations', () => {
    for (const [abbrev, type] of TYPE_DEVIATIONS) {
      expect(defs.get(abbrev)?.every((d) => FT_NAMES.get(d.type) !== type), abbrev).toBe(true);
      expect(registry.fields[abbrev]?.map(([, t]) => t), abbrev).toContain(type);
    }
  });
});
