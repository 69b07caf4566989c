import type { FieldDef, FieldNode } from '@netdissect/core';
import { hfImap, imapFields } from './fields.js';

/** One IMAP line as dissected: who sent it and the parts 4.0 picks out. */
export interface ImapLine {
  readonly isRequest: boolean;
  /** The line as sent, terminator included. */
  readonly text: string;
  /** First token ("a001", "+", ...); absent for untagged "*" lines. */
  readonly tag?: string;
  /** Request command (after UID if there is one), or the word after a response's status. */
  readonly command?: string;
  /** Second token of a tagged response ("OK", "NO", "BAD"). */
  readonly status?: string;
  readonly username?: string;
  readonly password?: string;
  readonly folder?: string;
}

function childValue(line: FieldNode, def: FieldDef): string | undefined {
  const node = line.find(def);
  return node ? (node.value as string) : undefined;
}

/**
 * The IMAP lines of a dissected frame, in order, read from its field tree.
 * Needs a full tree (`new TreeContext()`), or a pruned one that keeps imap,
 * imap.isrequest, imap.line and the fields wanted.
 */
export function imapLinesOf(root: FieldNode): ImapLine[] {
  const out: ImapLine[] = [];
  root.forEach((node) => {
    if (node.def !== hfImap || node.children === null) return;
    const isRequest = node.find(imapFields.isRequest)?.value === true;
    for (const line of node.children) {
      if (line.def !== imapFields.line) continue;
      const parts: Record<string, string | undefined> = {
        tag: childValue(line, isRequest ? imapFields.requestTag : imapFields.responseTag),
        command: childValue(line, isRequest ? imapFields.requestCommand : imapFields.responseCommand),
        status: isRequest ? undefined : childValue(line, imapFields.responseStatus),
        username: childValue(line, imapFields.requestUsername),
        password: childValue(line, imapFields.requestPassword),
        folder: childValue(line, imapFields.requestFolder),
      };
      const entry: Record<string, unknown> = { isRequest, text: line.value as string };
      for (const [k, v] of Object.entries(parts)) if (v !== undefined) entry[k] = v;
      out.push(entry as unknown as ImapLine);
    }
  });
  return out;
}
