import type { PacketInfo, Tvb, NameBudget } from '@netdissect/core';

/** What the sections of one message share while it is dissected. */
export interface MessageContext {
  readonly tvb: Tvb;
  readonly pinfo: PacketInfo;
  /** Where the message starts in `tvb`: compression pointers count from here. */
  readonly dataOffset: number;
  /** Compression pointers followed in one name before it is taken for a loop. */
  readonly maxPointers: number;
  readonly isMdns: boolean;
  /** Shared by every name of the message. */
  readonly names: NameBudget;
}
