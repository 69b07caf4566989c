import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelOf, NodeFlag, type FieldNode } from '@netdissect/core';
import { hfPop, popDataFragmentFields, popExpert, popFields } from '@netdissect/pop3';
import { corpusAvailable, corpusPath, goldenName, goldensDir } from '../../../test/support/paths.js';
import { readAllPackets } from '../../../test/support/resegment-tcp.js';
import { dissectPackets, valuesOf, type FrameView } from './support/dissect-capture.js';
import { octetsSession } from './support/octets-session.js';

const CAPTURES = ['pop3/pop3.pcap', 'pop3/suri-pop3.pcap', 'pop3/ndpi-pop3.pcap', 'pop3/pop3-starttls.pcap'];

/** tshark's Protocol and Info columns of its POP frames, from the recorded summary. */
function tsharkPopColumns(capture: string): Map<number, { protocol: string; info: string }> {
  const text = readFileSync(join(goldensDir, 'summary', `${goldenName(corpusPath(capture))}.txt`), 'latin1');
  const out = new Map<number, { protocol: string; info: string }>();
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s.*? (POP\S*) \d+ (.*)$/.exec(line);
    if (m) out.set(Number(m[1]), { protocol: m[2]!, info: m[3]! });
  }
  return out;
}

function popNode(f: FrameView): FieldNode | undefined {
  return f.tree.children?.find((c) => c.def === hfPop);
}

/** The details pane lines under POP, as tshark -V prints them. */
function popLines(f: FrameView): string[] {
  const lines: string[] = [];
  const walk = (n: FieldNode, depth: number) => {
    for (const k of n.children ?? []) {
      if (!(k.flags & NodeFlag.HIDDEN)) lines.push(`${'  '.repeat(depth)}${labelOf(k)}`);
      walk(k, depth + 1);
    }
  };
  const pop = popNode(f);
  if (pop) walk(pop, 0);
  return lines;
}

describe.skipIf(!corpusAvailable())('POP over the corpus', () => {
  for (const capture of CAPTURES) {
    it(`${capture}: POP frames have tshark's columns (IMF frames aside)`, async () => {
      const frames = dissectPackets(await readAllPackets(corpusPath(capture)), { twoPass: true });
      const want = tsharkPopColumns(capture);
      let compared = 0;
      for (const [no, cols] of want) {
        // "POP/IMF" frames carry IMF's columns; IMF lives in @netdissect/smtp.
        if (cols.protocol !== 'POP') continue;
        const f = frames[no - 1]!;
        expect({ no, protocol: f.protocol, info: f.info }).toEqual({ no, ...cols });
        compared++;
      }
      expect(compared).toBeGreaterThan(0);
      // No frame tshark leaves alone is claimed by POP.
      for (const f of frames) if (!want.has(f.no)) expect(f.layers, `frame ${f.no}`).not.toContain('pop');
    });
  }

  it('builds the tree packet-pop.c builds: request line, command, parameter', async () => {
    const frames = dissectPackets(await readAllPackets(corpusPath('pop3/pop3.pcap')));
    expect(popLines(frames[92]!)).toEqual(['RETR 1\\r\\n', '  Request command: RETR', '  Request parameter: 1']);
    expect(popLines(frames[89]!)).toEqual(['+OK\\r\\n', '  Response indicator: +OK', '1 5565\\r\\n', '2 8412\\r\\n', '3 5214\\r\\n', '.\\r\\n']);
    // The lines' own values are empty strings, as proto_tree_add_string_format leaves them.
    expect(valuesOf(frames[89]!.tree, popFields.responseData)).toEqual(['', '', '', '']);
    expect(valuesOf(frames[89]!.tree, popFields.response)).toEqual(['']);
    // A RETR answer without a size: each continuation segment is a DATA unit of its own, with no fragment tree.
    expect(frames[94]!.info).toBe('S: DATA fragment, 1460 bytes');
    expect(popLines(frames[94]!)).toEqual([]);
  });

  it('reads lower-case commands (ndpi-pop3.pcap)', async () => {
    const frames = dissectPackets(await readAllPackets(corpusPath('pop3/ndpi-pop3.pcap')));
    const requests = frames.flatMap((f) => valuesOf(f.tree, popFields.requestCommand));
    expect(requests.slice(0, 6)).toEqual(['user', 'pass', 'list', 'uidl', 'retr', 'quit']);
    expect(valuesOf(frames[5]!.tree, popFields.requestParameter)).toEqual(['cicciopernacchio@mail.com']);
    expect(frames[5]!.info).toBe('C: user cicciopernacchio@mail.com');
  });

  it('leaves the connection to TLS once STLS is accepted (BSD loopback capture)', async () => {
    const frames = dissectPackets(await readAllPackets(corpusPath('pop3/pop3-starttls.pcap')), { twoPass: true });
    expect(frames.filter((f) => f.layers.includes('pop')).map((f) => [f.no, f.info])).toEqual([
      [5, 'S: +OK ladymacbeth.local Cyrus POP3 v2.3.16 server ready <15125655727712503824.1400173552@ladymacbeth.local>'],
      [7, 'C: STLS'],
      [9, 'S: +OK Begin TLS negotiation now'],
    ]);
    expect(frames[0]!.layers.slice(0, 2)).toEqual(['frame', 'null']);
    expect(frames[10]!.protocol).toBe('TCP');
  });
});

describe('DATA announced with a size ("+OK n octets")', () => {
  it('reassembles the segments and shows the fragment tree where the last one arrives', () => {
    const frames = dissectPackets(octetsSession(), { twoPass: true });
    const last = frames[10]!;
    expect(last.info).toBe('S: DATA fragment, 41 bytes');
    expect(popLines(last)).toEqual([
      '[3 DATA fragments (123 bytes): #9(46), #10(36), #11(41)]',
      '  [Frame: 9, payload: 0-45 (46 bytes)]',
      '  [Frame: 10, payload: 46-81 (36 bytes)]',
      '  [Frame: 11, payload: 82-122 (41 bytes)]',
      '  [DATA fragment count: 3]',
      '  [Reassembled DATA length: 123]',
    ]);
    expect(valuesOf(last.tree, popDataFragmentFields.fragment)).toEqual([9, 10, 11]);
  });

  it('points earlier segments at the reassembling frame only once it is known (tshark -2)', () => {
    const firstPass = dissectPackets(octetsSession());
    const secondPass = dissectPackets(octetsSession(), { twoPass: true });
    for (const i of [8, 9]) {
      expect(valuesOf(firstPass[i]!.tree, popDataFragmentFields.reassembledIn)).toEqual([]);
      expect(valuesOf(secondPass[i]!.tree, popDataFragmentFields.reassembledIn)).toEqual([11]);
    }
  });

  it('flags a RETR/TOP answer whose size is not a number, on both passes', () => {
    for (const twoPass of [false, true]) {
      const f = dissectPackets(octetsSession(), { twoPass })[12]!;
      expect(f.info).toBe('S: +OK top of message follows');
      expect(valuesOf(f.tree, popExpert.totLenInvalid.field!)).toHaveLength(1);
    }
  });

  it('shows continuation data as Data when the desegment_data preference is off', () => {
    const frames = dissectPackets(octetsSession(), { prefs: { 'pop.desegment_data': false } });
    expect(frames[10]!.layers.slice(-2)).toEqual(['pop', 'data']);
    expect(valuesOf(frames[10]!.tree, popDataFragmentFields.fragment)).toEqual([]);
  });

  it('gives up a reassembly that outgrows the per-flow limit, and says so', () => {
    const frames = dissectPackets(octetsSession(), { limits: { tcpReassemblyBytesPerFlow: 60 } });
    expect(valuesOf(frames[9]!.tree, popExpert.reassemblyLimit.field!)).toHaveLength(1);
    expect(frames.flatMap((f) => valuesOf(f.tree, popDataFragmentFields.fragment))).toEqual([]);
  });
});
