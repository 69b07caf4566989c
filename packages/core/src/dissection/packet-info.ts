import type { RawPacket } from '../capture/raw-packet.js';
import type { FieldNode } from '../fields/field-node.js';
import { fitLabelBuffer } from '../fields/field-value-format.js';
import { Address } from './address.js';
import { Columns } from './columns.js';
import type { Dissector } from './dissector.js';
import { addExpertTree, type ExpertDef, type ExpertItem } from './expert.js';
import { holdsLayerOf } from './field-layers.js';
import type { DissectionSession } from './session.js';
import type { DataSource } from './data-source.js';
import { Tvb } from './tvb.js';
import { BoundsKind, DissectorBoundsError } from './dissector-errors.js';
import { treeMayKeep } from './unread-protocols.js';

export const PortType = { NONE: 0, TCP: 1, UDP: 2, SCTP: 3 } as const;
export type PortType = (typeof PortType)[keyof typeof PortType];

/**
 * Everything the layers of one frame tell each other while it is being
 * dissected (Wireshark's packet_info): addresses and ports for the
 * columns and conversations, the columns, the protocol stack, expert
 * items, and the session that holds state across frames.
 */
export class PacketInfo {
  readonly cols = new Columns();
  /** Link-layer addresses (set by Ethernet, SLL...). */
  dlSrc: Address = Address.NONE;
  dlDst: Address = Address.NONE;
  /** Network-layer addresses (set by IPv4/IPv6). */
  netSrc: Address = Address.NONE;
  netDst: Address = Address.NONE;
  /** The addresses the Source/Destination columns show. */
  src: Address = Address.NONE;
  dst: Address = Address.NONE;
  ptype: PortType = PortType.NONE;
  /** First 802.1Q tag's VLAN id (keys IP reassembly of private addresses). */
  vlanId = 0;
  srcport = 0;
  dstport = 0;
  /**
   * The key a uint table found the running dissector by (Wireshark's
   * match_uint): SMTP, POP, IMAP and FTP take a payload sent to it for a request.
   */
  matchUint = 0;
  /** Protocol names in dissection order, for frame.protocols. */
  readonly layers: string[] = [];
  /** Short name of the dissector running now ("[Malformed Packet: X]"). */
  currentProto = '';
  /** Inside an IP fragment that has not been reassembled: bounds errors are not "malformed". */
  fragmented = false;
  /** Dissecting the packet quoted inside an ICMP error. */
  inErrorPacket = false;
  malformed = false;
  readonly experts: ExpertItem[] = [];
  /** Data sources created for this frame after the frame itself (reassembled, decoded). */
  readonly dataSources: DataSource[] = [];
  /** Set by TCP: how much of the current segment a subdissector wants reassembled. */
  canDesegment = 0;
  desegmentOffset = 0;
  desegmentLen = 0;
  /** Why a segment was not reassembled, appended to "[BoundErrorUnreassembled Packet...]". */
  noReassemblyReason = '';
  /**
   * Set by TCP on the first pass when it kept this frame's payload back
   * without handing it on (a segment after a gap): a later pass may hand
   * it on, as part of the PDU a later frame completed, so this frame's
   * layers may then name protocols its first pass did not.
   */
  payloadHeldBack = false;
  /**
   * Set by TCP on the first pass for a frame whose revisit changes the
   * state later frames are shown with (the first frame of a conversation
   * adds its flags to tcp.completeness only then; a SYN sets the base
   * sequence number again): a later pass that leaves frames out must keep it.
   */
  revisitChangesState = false;
  /** The tree of the innermost TCP header, where tcp_dissect_pdus notes each PDU's size. */
  tcpTree: FieldNode | null = null;
  /** Private per-frame notes between layers of the same frame (e.g. TCP -> its payload dissector). */
  layerData: unknown = null;

  constructor(
    readonly session: DissectionSession,
    readonly raw: RawPacket,
    /** False on the first, sequential pass; true when a frame is dissected again later. */
    readonly visited: boolean,
  ) {
    // A session without columns leaves them empty: every write is ignored.
    if (session.columns === false) this.cols.writable = false;
  }

  get num(): number {
    return this.raw.no;
  }

  /**
   * Whether a later pass that dissects again only the frames whose
   * first-pass layers it needs (-2 -Y, the terminal UI's filter pass) must
   * dissect this one whatever its layers.
   */
  get revisitRegardlessOfLayers(): boolean {
    return this.payloadHeldBack || this.revisitChangesState;
  }

  /**
   * call_dissector_work leaves a protocol out of frame.protocols when, with
   * a tree, it added nothing to it (it only asked TCP for more data, or saw
   * nothing of its own), and with it every layer it called (which, given no
   * tree of its own, added nothing either): the dissector of `proto` says so
   * before it returns.
   */
  dropLayerIfNothingAdded(proto: string, tree: FieldNode | null, added: boolean): void {
    if (tree === null || added) return;
    const at = this.layers.lastIndexOf(proto);
    if (at >= 0) this.layers.length = at;
  }

  /**
   * Call a dissector as Wireshark's call_dissector does: record the layer,
   * and drop it again if rejected. An exception leaves currentProto naming
   * the protocol that failed, for the malformed mark.
   */
  call(d: Dissector, tvb: Tvb, tree: FieldNode | null, data?: unknown): number {
    // A protocol nobody reads takes its data without looking at it (SessionOptions.skip).
    const skip = this.session.skip;
    if (skip !== null && skip.has(d.proto) && !this.hasLayerOf(this.session.skipUnlessAfter)) return tvb.length;
    return this.invoke(d, tvb, tree, data);
  }

  /** Whether one of `protocols` has a layer in this frame so far. */
  private hasLayerOf(protocols: ReadonlySet<string> | null): boolean {
    return protocols !== null && holdsLayerOf(this.layers, protocols);
  }

  /**
   * Call a heuristic dissector, which says by its answer whether the data is
   * its own: it runs even when skipped, since what it declines goes elsewhere.
   */
  callHeuristic(d: Dissector, tvb: Tvb, tree: FieldNode | null, data?: unknown): number {
    return this.invoke(d, tvb, tree, data);
  }

  private invoke(d: Dissector, tvb: Tvb, tree: FieldNode | null, data: unknown): number {
    // A pruned tree that can keep nothing of this protocol's: dissect as without a tree.
    if (tree !== null && d.carries !== undefined && !treeMayKeep(tree.ctx, d, this.session.registry)) tree = null;
    const savedProto = this.currentProto;
    const savedCanDesegment = this.canDesegment;
    const depth = this.layers.length;
    this.currentProto = d.shortName;
    this.layers.push(d.proto);
    // Only the dissector TCP calls directly may ask for more data (can_desegment counts down per call level).
    if (savedCanDesegment > 0) this.canDesegment = savedCanDesegment - 1;
    const asked = this.inErrorPacket && tree !== null ? tree.ctx.itemsAsked : -1;
    const n = this.inErrorPacket ? this.callInErrorPacket(d, tvb, tree, data) : d.dissect(tvb, this, tree, data);
    // call_dissector_work leaves out a layer that declined or that added nothing to a tree; only the quoted packet
    // of an ICMP error relies on this generic rule (its bounds errors are swallowed), other dissectors say so themselves.
    if (n === 0 || (asked >= 0 && tree!.ctx.itemsAsked === asked)) this.layers.length = depth;
    this.currentProto = savedProto;
    this.canDesegment = savedCanDesegment;
    return n;
  }

  /**
   * The packet quoted in an ICMP error must not change the columns or the
   * addresses of the frame that carries it; it being cut short is normal,
   * so only a snaplen cut is reported (call_dissector_work_error).
   */
  private callInErrorPacket(d: Dissector, tvb: Tvb, tree: FieldNode | null, data: unknown): number {
    const writable = this.cols.writable;
    this.cols.writable = false;
    const saved = [this.dlSrc, this.dlDst, this.netSrc, this.netDst, this.src, this.dst] as const;
    const restore = () => {
      this.cols.writable = writable;
      [this.dlSrc, this.dlDst, this.netSrc, this.netDst, this.src, this.dst] = saved;
    };
    let n: number;
    try {
      n = d.dissect(tvb, this, tree, data);
    } catch (err) {
      restore();
      if (err instanceof DissectorBoundsError && err.kind === BoundsKind.Captured) {
        // call_dissector_work_error restores the name call_dissector_work had just set, the called
        // protocol's: the outermost quoted layer names the cut ("IPv4 truncated" for a cut quoted UDP header).
        this.currentProto = d.shortName;
        throw err;
      }
      if (err instanceof DissectorBoundsError) return tvb.length;
      throw err;
    }
    restore();
    return n;
  }

  /** Raise an expert item: the list entry always, the tree part when there is a tree item. */
  expert(node: FieldNode | null, def: ExpertDef, message: string = def.summary): void {
    // Wireshark formats expert messages into a label-sized buffer.
    message = fitLabelBuffer(message);
    this.experts.push({
      frame: this.raw.no,
      severity: def.severity,
      group: def.group,
      protocol: this.currentProto,
      summary: message,
      field: def.field ? def.field.abbrev : null,
    });
    if (node !== null) addExpertTree(node, def, message);
  }

  /**
   * proto_tree_add_expert (proto_tree_add_expert_format with a message): a
   * text item over `off`..`off+len` saying the message, with the expert
   * item under it.
   */
  addExpertItem(tree: FieldNode | null, def: ExpertDef, tvb: Tvb, off: number, len: number, message: string = def.summary): void {
    this.expert(tree ? tree.addText(tvb, off, len, message) : null, def, message);
    // As proto_tree_add_expert_format does, after the item: a line over bytes that are not there ends the dissection.
    tvb.check(off, len);
  }

  /**
   * add_new_data_source: reassembled or decoded bytes as a buffer of their
   * own, shown as "name (n bytes)" beside the frame's; field offsets in the
   * returned tvb point into it.
   */
  addDataSource(name: string, bytes: Uint8Array): Tvb {
    const tvb = Tvb.fromBytes(name, bytes);
    this.dataSources.push(tvb.ds);
    return tvb;
  }

  /** Hand data to whoever listens on `tap` (Follow Stream, statistics); free when nobody does. */
  tap(tap: string, data: unknown): void {
    const listeners = this.session.taps.get(tap);
    if (listeners) for (const l of listeners) l(this, data);
  }

  /** Per-frame state kept for later passes (Wireshark's p_add_proto_data). */
  setFrameData(key: string, value: unknown): void {
    this.session.setFrameData(key, this.raw.no, value);
  }

  getFrameData<T>(key: string): T | undefined {
    return this.session.getFrameData<T>(key, this.raw.no);
  }
}
