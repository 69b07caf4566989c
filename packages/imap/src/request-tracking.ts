import { timeDelta, type FieldNode, type PacketInfo } from '@netdissect/core';
import { imapFields } from './fields.js';

/** One tagged request and the last frame that answered it (imap_request_info_t). */
interface TaggedRequest {
  readonly req: number;
  rep: number;
  readonly sec: number;
  readonly nsec: number;
}

/**
 * Links tagged requests and responses of one conversation by tag (case
 * folded), as imap_match_request does: a response belongs to the latest
 * request with its tag at or before it, and the request remembers the last
 * response frame seen on the first pass, so a second pass can point
 * forward (imap.response_in).
 */
export class RequestTracker {
  /** Requests by lower-cased tag, in frame order. */
  private readonly byTag = new Map<string, TaggedRequest[]>();

  match(pinfo: PacketInfo, tree: FieldNode | null, tag: string, isRequest: boolean): void {
    let list = this.byTag.get(tag);
    let info: TaggedRequest | undefined;
    if (!pinfo.visited) {
      if (isRequest) {
        if (!list) this.byTag.set(tag, (list = []));
        info = { req: pinfo.num, rep: 0, sec: pinfo.raw.tsSec, nsec: pinfo.raw.tsNsec };
        // A second request with the same tag in the same frame replaces the first.
        if (list.length > 0 && list[list.length - 1]!.req === pinfo.num) list[list.length - 1] = info;
        else list.push(info);
      } else if (list) {
        info = latestAtOrBefore(list, pinfo.num);
        if (info) info.rep = pinfo.num;
      }
    } else if (list) {
      info = latestAtOrBefore(list, pinfo.num);
    }
    if (!tree || !info) return;
    if (isRequest) {
      if (info.rep) tree.addGenerated(imapFields.responseIn, null, 0, 0, info.rep);
    } else if (info.req) {
      tree.addGenerated(imapFields.responseTo, null, 0, 0, info.req);
      const [sec, nsec] = timeDelta(pinfo.raw.tsSec, pinfo.raw.tsNsec, info.sec, info.nsec);
      tree.addGenerated(imapFields.time, null, 0, 0, { sec, nsec });
    }
  }
}

/** wmem_tree_lookup32_le over requests sorted by frame. */
function latestAtOrBefore(list: readonly TaggedRequest[], frame: number): TaggedRequest | undefined {
  let lo = 0;
  let hi = list.length - 1;
  let found: TaggedRequest | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = list[mid]!;
    if (r.req <= frame) {
      found = r;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
