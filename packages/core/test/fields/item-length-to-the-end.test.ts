import { describe, expect, it } from 'vitest';
import {
  BoundsKind,
  DissectorBoundsError,
  FT,
  FieldNode,
  TreeContext,
  Tvb,
  addItem,
  defineFields,
  defineProtocol,
} from '@netdissect/core';

// proto_tree_add_item's length -1 as Wireshark 4.0's get_hfi_length and test_length read it, with a tree and
// without: the types that may run "to the end" need a byte there unless the data is empty, and an offset past the
// data fails by the offset; other negative lengths, and -1 for an integer, are past any packet.
defineProtocol('toendtest', 'To the end test');
const f = defineFields('toendtest', {
  text: { abbrev: 'toendtest.text', name: 'Text', type: FT.NONE },
  bytes: { abbrev: 'toendtest.bytes', name: 'Bytes', type: FT.BYTES },
  str: { abbrev: 'toendtest.str', name: 'String', type: FT.STRING },
  u8: { abbrev: 'toendtest.u8', name: 'Byte', type: FT.UINT8 },
});

/** `captured` bytes of a packet `reported` bytes long. */
function data(captured: number, reported = captured): Tvb {
  const whole = Tvb.fromBytes('test', new Uint8Array(captured).fill(0x41));
  return new Tvb(whole.ds, 0, captured, reported);
}

function kindOf(run: () => unknown): BoundsKind | 'none' {
  try {
    run();
    return 'none';
  } catch (err) {
    if (err instanceof DissectorBoundsError) return err.kind;
    throw err;
  }
}

const tree = (): FieldNode => FieldNode.root(new TreeContext());

describe('an item "to the end" (length -1)', () => {
  for (const def of [f.text, f.bytes, f.str]) {
    it(`${def.abbrev}: runs over what is left, tree or not`, () => {
      expect(addItem(tree(), def, data(6), 2, -1)!.length).toBe(4);
      expect(kindOf(() => addItem(null, def, data(6), 2, -1))).toBe('none');
    });

    it(`${def.abbrev}: at the very end of the data needs a byte there, tree or not`, () => {
      for (const t of [tree(), null]) {
        expect(kindOf(() => addItem(t, def, data(6), 6, -1))).toBe(BoundsKind.Reported);
        expect(kindOf(() => addItem(t, def, data(6, 20), 6, -1))).toBe(BoundsKind.Captured);
        expect(kindOf(() => tree().addItem(def, data(6), 6, -1))).toBe(BoundsKind.Reported);
      }
    });

    it(`${def.abbrev}: on empty data is empty at offset 0, and fails past it by its offset`, () => {
      expect(addItem(tree(), def, data(0), 0, -1)!.length).toBe(0);
      expect(tree().addItem(def, data(0), 0, -1).length).toBe(0);
      expect(kindOf(() => addItem(null, def, data(0), 0, -1))).toBe('none');
      expect(kindOf(() => addItem(null, def, data(0), 3, -1))).toBe(BoundsKind.Reported);
      expect(kindOf(() => addItem(null, def, data(0, 10), 3, -1))).toBe(BoundsKind.Captured);
    });
  }

  it('is past any packet for an integer, and any other negative length is too', () => {
    expect(kindOf(() => addItem(null, f.u8, data(6), 0, -1))).toBe(BoundsKind.Reported);
    expect(kindOf(() => tree().addItem(f.u8, data(6), 0, -1))).toBe(BoundsKind.Reported);
    expect(kindOf(() => addItem(null, f.bytes, data(6), 0, -2))).toBe(BoundsKind.Reported);
    expect(kindOf(() => tree().addItem(f.str, data(6), 0, -2))).toBe(BoundsKind.Reported);
  });
});
