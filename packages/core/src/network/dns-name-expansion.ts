/**
 * The DNS name wire format (RFC 1035 labels and compression pointers,
 * RFC 2673 bitstring labels) as Wireshark reads it (get_dns_name in
 * packet-dns.c): used by the DNS dissector and by ICMPv6's DNS Search List
 * option, so it lives below both.
 */
import { BoundsKind, DissectorBoundsError } from '../dissection/dissector-errors.js';
import type { Tvb } from '../dissection/tvb.js';
import { formatBytesAsText } from '../fields/format-text.js';

/** Longest name Wireshark builds (MAX_DNAME_LEN); longer ones become "<Name too long>". */
const MAX_NAME_LEN = 255;
/** Shortest encoding that is not the root name (MIN_DNAME_LEN). */
const MIN_NAME_LEN = 2;

const NAME_LOOPS = '<Name contains a pointer that loops>';
const NAME_TOO_LONG = '<Name too long>';
const NAME_UNKNOWN_EXTENDED_LABEL = '<Unknown extended label>';
const NAME_ROOT = '<Root>';

/**
 * Work allowed for the names of one message: each label or pointer
 * followed costs one step. Compression lets a small message make every
 * name walk long label chains again and again; past this budget the
 * message is treated as malformed. Real messages stay far below it.
 */
export class NameBudget {
  private left: number;
  private pointerLimitReported = false;

  /** `onPointerLimit` runs once per message, the first time a chain that does not loop is cut at the dnsMaxPointers limit. */
  constructor(messageLength: number, private readonly onPointerLimit: () => void = () => {}) {
    this.left = 1024 + 16 * messageLength;
  }

  spend(): void {
    if (--this.left < 0) malformed();
  }

  pointerLimitReached(): void {
    if (this.pointerLimitReported) return;
    this.pointerLimitReported = true;
    this.onPointerLimit();
  }
}

/** A name read from a message. */
export interface DnsName {
  /** The name for display (labels joined by '.', non-printables escaped, or a <marker>). */
  name: string;
  /** Bytes of the name as built before escaping (Wireshark's name_len). */
  rawLength: number;
  /** Bytes the encoded name occupies at its position (up to and including a first pointer). */
  used: number;
}

// One scratch buffer: names are built and turned into strings before the next name is read.
const scratch = Buffer.alloc(MAX_NAME_LEN + 16);

function malformed(): never {
  throw new DissectorBoundsError(BoundsKind.Reported);
}

/** The first `length` bytes of the scratch name as format_text shows them: printable ASCII as is, the rest decoded as UTF-8 and escaped. */
function displayText(length: number): string {
  for (let i = 0; i < length; i++) {
    const c = scratch[i]!;
    if (c < 0x20 || c >= 0x7f) return formatBytesAsText(scratch.subarray(0, length));
  }
  return scratch.toString('latin1', 0, length);
}

/** Append `text` (ASCII) at `pos` if it fits in `room`, as the bitstring label printer does. */
function putAscii(text: string, pos: number, room: number): number {
  if (text.length > room) return -1;
  for (let i = 0; i < text.length; i++) scratch[pos + i] = text.charCodeAt(i);
  return text.length;
}

/**
 * expand_dns_name: follow labels and compression pointers from `offset`.
 * Pointers are relative to `dataOffset` (where the message starts in
 * `tvb`). A chain longer than `maxPointers` is taken for a loop. Reads
 * past the data throw the Tvb's bounds errors; a reserved label type is
 * malformed.
 */
function expandName(tvb: Tvb, offset: number, dataOffset: number, maxPointers: number, budget: NameBudget): { text: string | null; rawLength: number; used: number; first: number } {
  const start = offset;
  let written = 0; // Wireshark's np - name
  let nameLen = 0;
  let room = MAX_NAME_LEN;
  let used = -1;
  let pointers = 0;
  // Pointer targets seen, from the second pointer on: tells a real loop (no expert, as tshark) from a chain cut by the limit.
  let targets: Set<number> | null = null;
  for (;;) {
    budget.spend();
    const component = tvb.u8(offset);
    offset++;
    if (component === 0) break;
    switch (component & 0xc0) {
      case 0x00:
        if (written > 0) {
          if (room > 0) {
            scratch[written++] = 0x2e;
            nameLen++;
            room--;
          }
        } else {
          room--;
        }
        {
          // Bytes that no longer fit are skipped unread, as Wireshark does.
          const kept = Math.min(component, Math.max(0, room));
          for (let i = 0; i < kept; i++) scratch[written++] = tvb.u8(offset + i);
          nameLen += kept;
          room -= kept;
          offset += component;
        }
        break;
      case 0x40: {
        if ((component & 0x3f) !== 0x01) {
          // Wireshark measures from the start even after a pointer jumped elsewhere.
          const len = offset - start;
          if (len < 1) malformed();
          return { text: NAME_UNKNOWN_EXTENDED_LABEL, rawLength: NAME_UNKNOWN_EXTENDED_LABEL.length, used: len, first: 0x3c };
        }
        // Bitstring label (RFC 2673), printed as \[x<hex>/<bits>]; it is not counted in the name length.
        const bits = tvb.u8(offset);
        offset++;
        let labelLen = Math.trunc((bits - 1) / 8) + 1;
        if (room > 0) {
          const n = putAscii('\\[x', written, room);
          if (n < 0) room = 0;
          else {
            written += n;
            room -= n;
          }
        }
        while (labelLen-- > 0) {
          if (room > 0) {
            const n = putAscii(tvb.u8(offset).toString(16).padStart(2, '0'), written, room);
            if (n < 0) room = 0;
            else {
              written += n;
              room -= n;
            }
          }
          offset++;
        }
        if (room > 0) {
          const n = putAscii(`/${bits}]`, written, room);
          if (n < 0) room = 0;
          else {
            written += n;
            room -= n;
          }
        }
        break;
      }
      case 0x80:
        malformed();
        break;
      default: {
        const target = dataOffset + (((component & 0x3f) << 8) | tvb.u8(offset));
        offset++;
        pointers++;
        if (used < 0) used = offset - start;
        // Wireshark's self-pointer test compares with offset + 2; a chain too long is a loop.
        if (target === offset + 2 || pointers > maxPointers) {
          if (target !== offset + 2 && !targets?.has(target)) budget.pointerLimitReached();
          return { text: NAME_LOOPS, rawLength: NAME_LOOPS.length, used, first: 0x3c };
        }
        if (pointers > 1) (targets ??= new Set()).add(target);
        offset = target;
        break;
      }
    }
  }
  if (used < 0) used = offset - start;
  if (room <= 0) return { text: NAME_TOO_LONG, rawLength: NAME_TOO_LONG.length, used, first: 0x3c };
  return { text: null, rawLength: nameLen, used, first: written > 0 ? scratch[0]! : 0 };
}

/**
 * get_dns_name: a name at `offset`, "<Root>" for the empty name, and a
 * malformed error for encodings Wireshark rejects or a spent `budget`.
 */
export function readDnsName(tvb: Tvb, offset: number, dataOffset: number, maxPointers: number, budget: NameBudget): DnsName {
  const r = expandName(tvb, offset, dataOffset, maxPointers, budget);
  if (r.first === 0 && r.used <= MIN_NAME_LEN) return { name: NAME_ROOT, rawLength: NAME_ROOT.length, used: r.used };
  if (r.used < MIN_NAME_LEN || (r.used > MIN_NAME_LEN && r.rawLength === 0)) malformed();
  const name = r.text ?? displayText(r.rawLength);
  return { name, rawLength: r.rawLength, used: r.used };
}

/** qname_labels_count: dots plus one, 0 for an empty name. */
export function labelCount(name: string, rawLength: number): number {
  if (rawLength <= 1) return 0;
  let n = 1;
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) === 0x2e) n++;
  return n;
}
