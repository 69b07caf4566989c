import type { Address } from '@netdissect/core';
import { compareTime, type NsTime } from './frame-clock.js';

/**
 * One conversation between two endpoints. "A" is the source of the first
 * frame seen; tx counts frames from A to B, rx frames from B to A
 * (tshark prints rx under "<-" and tx under "->").
 */
export interface ConversationRow {
  readonly addressA: Address;
  readonly addressB: Address;
  /** Ports for TCP/UDP, 0 otherwise. */
  readonly portA: number;
  readonly portB: number;
  /** tcp.stream for TCP, null otherwise. */
  readonly stream: number | null;
  txFrames: number;
  txBytes: number;
  rxFrames: number;
  rxBytes: number;
  /** First and last frame, relative to the first frame of the capture. */
  start: NsTime;
  stop: NsTime;
  /** Absolute time of the first frame. */
  startAbsolute: NsTime;
}

/** One frame's contribution to a conversation. */
export interface ConversationSample {
  readonly src: Address;
  readonly dst: Address;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly stream: number | null;
  readonly bytes: number;
  readonly relative: NsTime;
  readonly absolute: NsTime;
}

function key(a: Address, pa: number, b: Address, pb: number, stream: number | null): string {
  return `${a.key}/${pa}|${b.key}/${pb}|${stream ?? ''}`;
}

/**
 * Conversations in the order they were first seen, found in either
 * direction (Wireshark's conversation_table.c). The TUI lists rows();
 * conversationsText() prints them as tshark does.
 */
export class ConversationTable {
  private readonly list: ConversationRow[] = [];
  private readonly index = new Map<string, ConversationRow>();

  add(s: ConversationSample): void {
    const forwardKey = key(s.src, s.srcPort, s.dst, s.dstPort, s.stream);
    let row = this.index.get(forwardKey);
    let forward = true;
    if (!row) {
      row = this.index.get(key(s.dst, s.dstPort, s.src, s.srcPort, s.stream));
      forward = false;
    }
    if (!row) {
      row = {
        addressA: s.src.detach(),
        addressB: s.dst.detach(),
        portA: s.srcPort,
        portB: s.dstPort,
        stream: s.stream,
        txFrames: 0,
        txBytes: 0,
        rxFrames: 0,
        rxBytes: 0,
        start: s.relative,
        stop: s.relative,
        startAbsolute: s.absolute,
      };
      this.list.push(row);
      this.index.set(forwardKey, row);
      forward = true;
    }
    if (forward) {
      row.txFrames++;
      row.txBytes += s.bytes;
    } else {
      row.rxFrames++;
      row.rxBytes += s.bytes;
    }
    if (compareTime(s.relative, row.stop) > 0) {
      row.stop = s.relative;
    } else if (compareTime(s.relative, row.start) < 0) {
      row.start = s.relative;
      row.startAbsolute = s.absolute;
    }
  }

  /** Every conversation, in the order first seen. */
  rows(): readonly ConversationRow[] {
    return this.list;
  }
}
