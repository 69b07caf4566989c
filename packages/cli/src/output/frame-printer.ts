import type { DissectedFrame, FieldDef, RawPacket } from '@netdissect/core';
import type { TimeReference } from './summary-line.js';

/**
 * What a consumer of dissected frames needs from the tree: nothing (the
 * columns are enough), the whole labelled tree, or just some fields.
 */
export type TreeNeeds =
  | { kind: 'none' }
  | { kind: 'full'; labels: boolean }
  | { kind: 'fields'; defs: readonly FieldDef[]; labels: boolean };

/** One output format (-T text/fields/json/jsonl, -V, -x): frames in, text out. */
export interface FramePrinter {
  readonly needs: TreeNeeds;
  /** Whether frame() reads the Protocol and Info columns (absent: it does). */
  readonly columns?: boolean;
  /** Before the first frame (a header line, an opening bracket). */
  begin(): void;
  frame(frame: DissectedFrame, raw: RawPacket, ref: TimeReference): void;
  /** After the last frame, also when the capture was cut short. */
  end(): void;
}
