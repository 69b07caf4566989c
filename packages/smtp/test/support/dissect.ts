import '@netdissect/smtp';
import { fieldDisplayValue, type RawPacket } from '@netdissect/core';
import { dissectFrames, readPackets, type DissectFramesOptions } from '../../../../test/support/dissect-frames.js';
import { corpusPath } from '../../../../test/support/paths.js';

export { readPackets as capturePackets } from '../../../../test/support/dissect-frames.js';

/** One dissected frame: its columns and the values of the fields asked for, in tree order. */
export interface FrameView {
  num: number;
  protocol: string;
  info: string;
  fields: Map<string, string[]>;
  /** The same values as [field, value] pairs in tree order. */
  ordered: Array<[string, string]>;
}

/** Dissect packets in a fresh session, returning each frame's columns and the display values of `fields`. */
export function dissectPackets(packets: readonly RawPacket[], fields: readonly string[] = [], opts: Pick<DissectFramesOptions, 'prefs' | 'taps' | 'twoPass'> = {}): FrameView[] {
  return dissectFrames(packets, { ...opts, fields }).map((f) => {
    const values = new Map(fields.map((name) => [name, [] as string[]]));
    const ordered: Array<[string, string]> = [];
    f.tree.forEach((n) => {
      const list = n.def ? values.get(n.def.abbrev) : undefined;
      if (!list) return;
      const v = fieldDisplayValue(n);
      list.push(v);
      ordered.push([n.def!.abbrev, v]);
    });
    return { num: f.no, protocol: f.protocol, info: f.info, fields: values, ordered };
  });
}

/** Read a corpus capture (path relative to shared/captures). */
export async function corpusPackets(rel: string): Promise<RawPacket[]> {
  return readPackets(corpusPath(rel));
}
