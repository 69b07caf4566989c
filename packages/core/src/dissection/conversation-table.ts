import { AddressType, type Address } from './address.js';
import { endpointPairHash, ipv4PairHash } from './endpoint-pair-hash.js';
import type { Dissector } from './dissector.js';
import { ForgottenFlows, type PackedState } from './forgotten-flows.js';
import { IdlestTenth } from './idlest-tenth.js';

export const ConversationType = { NONE: 0, TCP: 1, UDP: 2 } as const;
export type ConversationType = (typeof ConversationType)[keyof typeof ConversationType];

/**
 * A Map-like store for per-protocol conversation state, lighter than a Map:
 * most conversations hold one or two entries ("udp" and "dns", "tcp" and
 * "http") and there can be 100,000s, so the first two are fields.
 */
export class ProtoData {
  private key0: string | null = null;
  private value0: unknown = undefined;
  private key1: string | null = null;
  private value1: unknown = undefined;
  private more: Map<string, unknown> | null = null;

  get(key: string): unknown {
    if (this.key0 === key) return this.value0;
    if (this.key1 === key) return this.value1;
    return this.more?.get(key);
  }

  set(key: string, value: unknown): this {
    if (this.key0 === key || (this.key0 === null && !this.has(key))) {
      this.key0 = key;
      this.value0 = value;
    } else if (this.key1 === key || (this.key1 === null && !this.has(key))) {
      this.key1 = key;
      this.value1 = value;
    } else {
      (this.more ??= new Map()).set(key, value);
    }
    return this;
  }

  has(key: string): boolean {
    return this.key0 === key || this.key1 === key || (this.more?.has(key) ?? false);
  }

  delete(key: string): boolean {
    if (this.key0 === key) {
      this.key0 = null;
      this.value0 = undefined;
      return true;
    }
    if (this.key1 === key) {
      this.key1 = null;
      this.value1 = undefined;
      return true;
    }
    return this.more?.delete(key) ?? false;
  }
}

/**
 * Both directions of a flow between two endpoints, valid from its setup
 * frame on (a later conversation on the same endpoints, e.g. after TCP
 * port reuse, takes over from its own setup frame). It is its own
 * per-protocol store (`data`), one object less per flow.
 */
export class Conversation extends ProtoData {
  lastFrame: number;
  /** A dissector bound to this conversation (FTP data connections, upgrades)... */
  dissector: Dissector | null = null;
  /** ...for frames from this one on (conversation_set_dissector_from_frame_number): a STARTTLS switch leaves earlier frames alone. */
  dissectorFrame = 0;

  /**
   * Both endpoints IPv4: their bits are kept here too, so a lookup compares
   * numbers in this object instead of reaching each address's bytes
   * through two more objects (cache misses on every packet of a large table).
   */
  readonly ipv4: boolean;
  readonly bitsA: number;
  readonly bitsB: number;

  constructor(
    readonly index: number,
    readonly type: ConversationType,
    readonly addrA: Address,
    readonly addrB: Address | null,
    readonly portA: number,
    /** -1 when the second port is still a wildcard (an expected connection). */
    public portB: number,
    readonly setupFrame: number,
  ) {
    super();
    this.lastFrame = setupFrame;
    this.ipv4 = addrA.type === AddressType.IPv4 && addrB !== null && addrB.type === AddressType.IPv4;
    this.bitsA = this.ipv4 ? addrA.ipv4Bits : 0;
    this.bitsB = this.ipv4 ? addrB!.ipv4Bits : 0;
  }

  /** Per-protocol state ("tcp", "udp", "ftp", ...). */
  get data(): ProtoData {
    return this;
  }

  /** Whether a packet between these endpoints, either way round, belongs to this conversation's pair. */
  joins(type: ConversationType, src: Address, sport: number, dst: Address, dport: number): boolean {
    if (type !== this.type || this.addrB === null) return false;
    if (this.ipv4) {
      if (src.type !== AddressType.IPv4 || dst.type !== AddressType.IPv4) return false;
      const s = src.ipv4Bits;
      const d = dst.ipv4Bits;
      if (sport === this.portA && dport === this.portB && s === this.bitsA && d === this.bitsB) return true;
      return dport === this.portA && sport === this.portB && d === this.bitsA && s === this.bitsB;
    }
    if (sport === this.portA && dport === this.portB && src.equals(this.addrA) && dst.equals(this.addrB)) return true;
    return dport === this.portA && sport === this.portB && dst.equals(this.addrA) && src.equals(this.addrB);
  }
}

/**
 * The state a conversation forgotten under maxOpenFlows keeps, packed, to
 * take up again when its endpoints talk again: UDP's stream number and
 * clock (registered by UDP). tshark forgets no conversation, so a DNS
 * client that reuses a source port minutes later is back in its old
 * udp.stream, with times counted from its first frame. TCP's analysis is
 * not kept (a new tcp.stream), nor anything of conversations between
 * addresses other than two IPv4 or two IPv6 ones.
 */
let rememberedState: PackedState | null = null;

/** Which conversation state forgotten IPv4 conversations keep (UDP registers its own). */
export function rememberWhenForgotten(state: PackedState): void {
  rememberedState = state;
}

/** Distinct endpoint addresses shared by the conversations before the table starts over. */
const MAX_KEPT_ADDRESSES = 65_536;

function endpointKey(addr: Address, port: number): string {
  return `${addr.key}#${port}`;
}

/** Key of expected conversations from `a:pa` to `b` on a port not known yet. */
function wildcardKey(type: ConversationType, a: Address, pa: number, b: Address): string {
  return `${type}|${endpointKey(a, pa)}|${b.key}`;
}

/**
 * Conversations by endpoint pair, in both directions, plus expected ones
 * with a wildcard port (announced by FTP PORT/PASV before the data
 * connection exists), as in Wireshark's conversation.c.
 */
export class ConversationTable {
  /**
   * One conversation per endpoint pair in the common case, a list after
   * reuse. Pairs are keyed by a small-integer hash of the pair (no string
   * to build per packet), so a list may also hold other pairs with the
   * same hash: lookups check the endpoints.
   */
  private exact = new Map<number, Conversation | Conversation[]>();
  private readonly wildcard = new Map<string, Conversation[]>();
  /** Forgotten conversations' remembered state (up to twice maxOpenFlows per address family), by the same keys as `exact`. */
  private forgottenIpv4: ForgottenFlows | null = null;
  private forgottenIpv6: ForgottenFlows | null = null;
  private count = 0;
  /** Conversations currently held (the cap counts these). */
  private live = 0;
  /** Conversations dropped to stay under maxOpenFlows (the oldest idle ones). */
  evicted = 0;
  /**
   * The endpoint addresses conversations keep, one copy per address: a
   * DNS resolver or web server is an endpoint of thousands of them.
   * Forgotten when full (conversations keep theirs), so spoofed sources
   * cannot grow it without end.
   */
  private readonly addresses = new Map<number | string, Address>();

  /**
   * `keepsAll` true: nothing is forgotten whatever the limit. A session that
   * dissects frames again (keepHistory) must find each frame's conversation
   * on the revisit, or a frame whose flow was forgotten would start a new
   * conversation (a new tcp.stream) the second time.
   */
  constructor(
    private readonly maxOpenFlows = Infinity,
    private readonly keepsAll: () => boolean = () => false,
  ) {}

  private static key(type: ConversationType, a: Address, pa: number, b: Address, pb: number): number {
    if (a.type === AddressType.IPv4 && b.type === AddressType.IPv4) return ipv4PairHash(type, a.ipv4Bits, pa, b.ipv4Bits, pb);
    return endpointPairHash(type, a, pa, b, pb);
  }

  /** The latest conversation on these endpoints set up at or before `frame`. */
  find(frame: number, type: ConversationType, src: Address, dst: Address, sport: number, dport: number): Conversation | null {
    const key = ConversationTable.key(type, src, sport, dst, dport);
    const found = this.exact.get(key);
    if (found) {
      // A hash may be shared by other pairs.
      if (!Array.isArray(found)) {
        if (found.setupFrame <= frame && found.joins(type, src, sport, dst, dport)) return found;
      } else {
        for (let i = found.length - 1; i >= 0; i--) {
          const c = found[i]!;
          if (c.setupFrame <= frame && c.joins(type, src, sport, dst, dport)) return c;
        }
      }
    }
    if (this.wildcard.size === 0) return null;
    const w = this.findWildcard(frame, type, src, dst, sport, dport) ?? this.findWildcard(frame, type, dst, src, dport, sport);
    if (w) {
      // The first real packet fixes the wildcard port (conversation_set_port2).
      this.promote(w, w.addrA.equals(src) && w.portA === sport ? dport : sport);
    }
    return w;
  }

  private findWildcard(frame: number, type: ConversationType, a: Address, b: Address, pa: number, _pb: number): Conversation | null {
    const list = this.wildcard.get(wildcardKey(type, a, pa, b));
    if (!list) return null;
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.setupFrame <= frame) return list[i]!;
    return null;
  }

  private promote(c: Conversation, portB: number): void {
    this.unexpect(c);
    c.portB = portB;
    this.insert(ConversationTable.key(c.type, c.addrA, c.portA, c.addrB!, portB), c);
  }

  private insert(key: number, c: Conversation): void {
    addTo(this.exact, key, c);
    if (++this.live > this.maxOpenFlows && !this.keepsAll()) this.evictIdle();
  }

  /** Drop the tenth of conversations idle the longest (amortized O(1) per new conversation). */
  private evictIdle(): void {
    const state = rememberedState;
    dropIdlest(this.exact, (k, c) => {
      this.live--;
      this.evicted++;
      if (state === null || c.addrB === null) return;
      const value = c.data.get(state.key);
      if (value !== undefined) this.forgottenStore(c.addrA, c.addrB, true)?.add(k, c.type, c.addrA, c.portA, c.addrB, c.portB, c.lastFrame, value);
    });
    // A Map keeps deleted entries' room until it next grows, and then doubles: start afresh at the size held.
    this.exact = new Map(this.exact);
  }

  /** Where forgotten conversations between `a` and `b` are kept (made when `make`); null for addresses of other or mixed families. */
  private forgottenStore(a: Address, b: Address, make: boolean): ForgottenFlows | null {
    if (a.type !== b.type) return null;
    if (a.type === AddressType.IPv4) return make ? (this.forgottenIpv4 ??= new ForgottenFlows(rememberedState!, 2 * this.maxOpenFlows, 1)) : this.forgottenIpv4;
    if (a.type === AddressType.IPv6) return make ? (this.forgottenIpv6 ??= new ForgottenFlows(rememberedState!, 2 * this.maxOpenFlows, 4)) : this.forgottenIpv6;
    return null;
  }

  private kept(a: Address): Address {
    // An IPv4 address by its bits: no string to build and hash per new conversation.
    const key = a.type === AddressType.IPv4 ? a.ipv4Bits : a.key;
    let k = this.addresses.get(key);
    if (k === undefined) {
      if (this.addresses.size >= MAX_KEPT_ADDRESSES) this.addresses.clear();
      k = a.detach();
      this.addresses.set(key, k);
    }
    return k;
  }

  create(frame: number, type: ConversationType, src: Address, dst: Address, sport: number, dport: number): Conversation {
    const key = ConversationTable.key(type, src, sport, dst, dport);
    const c = new Conversation(this.count++, type, this.kept(src), this.kept(dst), sport, dport, frame);
    // Endpoints whose conversation was forgotten take up its state again (only ever on one pass: see keepsAll).
    const forgotten = this.evicted > 0 ? this.forgottenStore(src, dst, false) : null;
    if (forgotten !== null && forgotten.count > 0) {
      const value = forgotten.take(key, type, src, sport, dst, dport);
      if (value !== undefined) c.data.set(rememberedState!.key, value);
    }
    this.insert(key, c);
    return c;
  }

  findOrCreate(frame: number, type: ConversationType, src: Address, dst: Address, sport: number, dport: number): Conversation {
    const c = this.find(frame, type, src, dst, sport, dport);
    if (c) {
      if (frame > c.lastFrame) c.lastFrame = frame;
      return c;
    }
    return this.create(frame, type, src, dst, sport, dport);
  }

  /**
   * Announce a connection that will come from `a:pa` to `b` on any port
   * (or the reverse), to be handled by `dissector` (FTP data).
   */
  expect(frame: number, type: ConversationType, a: Address, pa: number, b: Address, dissector: Dissector): Conversation {
    const c = new Conversation(this.count++, type, this.kept(a), this.kept(b), pa, -1, frame);
    c.dissector = dissector;
    c.dissectorFrame = frame;
    const key = wildcardKey(type, a, pa, b);
    const list = this.wildcard.get(key);
    if (list) list.push(c);
    else this.wildcard.set(key, [c]);
    return c;
  }

  /** Forget an expected connection that will not come (a limit was reached, the control connection closed). */
  unexpect(c: Conversation): void {
    if (c.portB !== -1 || c.addrB === null) return;
    const key = wildcardKey(c.type, c.addrA, c.portA, c.addrB);
    const list = this.wildcard.get(key);
    const i = list ? list.indexOf(c) : -1;
    if (i < 0) return;
    list!.splice(i, 1);
    if (list!.length === 0) this.wildcard.delete(key);
  }
}

function addTo(map: Map<number, Conversation | Conversation[]>, key: number, c: Conversation): void {
  const found = map.get(key);
  if (!found) map.set(key, c);
  else if (Array.isArray(found)) found.push(c);
  else map.set(key, [found, c]);
}

/** Removes the tenth of `map`'s conversations last seen the longest ago (at least one), calling `forget` for each. */
function dropIdlest(map: Map<number, Conversation | Conversation[]>, forget: (key: number, c: Conversation) => void): void {
  let held = 0;
  for (const v of map.values()) held += Array.isArray(v) ? v.length : 1;
  const lastFrames = new Float64Array(held);
  let n = 0;
  for (const v of map.values()) {
    if (Array.isArray(v)) for (const c of v) lastFrames[n++] = c.lastFrame;
    else lastFrames[n++] = v.lastFrame;
  }
  const cut = new IdlestTenth(lastFrames);
  for (const [k, v] of map) {
    if (!Array.isArray(v)) {
      if (cut.takes(v.lastFrame)) {
        map.delete(k);
        forget(k, v);
      }
      continue;
    }
    const kept = v.filter((c) => {
      if (!cut.takes(c.lastFrame)) return true;
      forget(k, c);
      return false;
    });
    if (kept.length === 0) map.delete(k);
    else if (kept.length < v.length) map.set(k, kept.length === 1 ? kept[0]! : kept);
  }
}
