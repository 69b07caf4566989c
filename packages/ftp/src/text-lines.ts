import { defaultRegistry, defineProtocol, formatBytesAsText, makeDissector, type Dissector } from '@netdissect/core';
import { lineAt } from './line-scanner.js';

const hfTextLines = defineProtocol('data-text-lines', 'Line-based text data');

/**
 * Wireshark's "data-text-lines": the bytes shown one text line per tree
 * item. Lines are only built for a full tree; a pruned one keeps just the
 * protocol item.
 */
const textLinesDissector = makeDissector('data-text-lines', 'Line-based text data', (tvb, _pinfo, tree) => {
  const length = tvb.length;
  if (tree) {
    const top = tree.addProtocol(hfTextLines, tvb, 0, length);
    if (tree.ctx.full && top !== tree) {
      const bytes = tvb.view(0, length);
      let lines = 0;
      for (let off = 0; off < length; lines++) {
        const next = lineAt(bytes, off).next;
        top.addText(tvb, off, next - off, formatBytesAsText(bytes.subarray(off, next)));
        off = next;
      }
      top.appendText(` (${lines} lines)`);
    }
  }
  return length;
});

if (!defaultRegistry.byProto('data-text-lines')) defaultRegistry.addNamed(textLinesDissector);

/** The session's "data-text-lines" dissector (another package may provide it), else this one. */
export function textLines(registry: { byProto(proto: string): Dissector | undefined }): Dissector {
  return registry.byProto('data-text-lines') ?? textLinesDissector;
}
