import { describe, expect, it } from 'vitest';
import { FT, FieldGroup, TreeContext, defineFields, defineProtocol, fieldRegistry, type FieldDef } from '@netdissect/core';

// A protocol of its own, so the answers do not depend on which packages are loaded.
const proto = defineProtocol('gatetest', 'Gate test');
const g = defineFields('gatetest', {
  id: { abbrev: 'gatetest.id', name: 'Id', type: FT.UINT16 },
  flags: { abbrev: 'gatetest.flags', name: 'Flags', type: FT.UINT16 },
  record: { abbrev: 'gatetest.record.name', name: 'Record name', type: FT.STRING },
});
const header = new FieldGroup([proto, g.id, g.flags]);

function interestIn(...abbrevs: string[]): Uint8Array {
  const interest = new Uint8Array(fieldRegistry.size);
  for (const a of abbrevs) for (const d of fieldRegistry.lookup(a) as FieldDef[]) interest[d.id] = 1;
  return interest;
}

describe('TreeContext.keepsProtocolBeyond', () => {
  it('says no for a tree pruned to the group: the protocol item and header fields', () => {
    expect(new TreeContext(interestIn('gatetest.flags')).keepsProtocolBeyond('gatetest', header)).toBe(false);
    expect(new TreeContext(interestIn('gatetest', 'gatetest.id')).keepsProtocolBeyond('gatetest', header)).toBe(false);
  });

  it("says yes for a field of the protocol outside the group", () => {
    expect(new TreeContext(interestIn('gatetest.flags', 'gatetest.record.name')).keepsProtocolBeyond('gatetest', header)).toBe(true);
  });

  it('says yes for any _ws field, since expert items and malformed marks hang anywhere', () => {
    const ws = fieldRegistry.all().find((d) => d.abbrev.startsWith('_ws.'))!;
    expect(new TreeContext(interestIn('gatetest.id', ws.abbrev)).keepsProtocolBeyond('gatetest', header)).toBe(true);
  });

  it("ignores other protocols' fields, and a full tree keeps everything", () => {
    const other = fieldRegistry.all().find((d) => d.proto !== 'gatetest' && !d.proto.startsWith('_ws') && !d.abbrev.startsWith('_ws.'))!;
    expect(new TreeContext(interestIn('gatetest.id', other.abbrev)).keepsProtocolBeyond('gatetest', header)).toBe(false);
    expect(new TreeContext().keepsProtocolBeyond('gatetest', header)).toBe(true);
  });

  it('answers each context from its own interest (the answer is cached per context)', () => {
    const narrow = new TreeContext(interestIn('gatetest.id'));
    const wide = new TreeContext(interestIn('gatetest.record.name'));
    expect(narrow.keepsProtocolBeyond('gatetest', header)).toBe(false);
    expect(wide.keepsProtocolBeyond('gatetest', header)).toBe(true);
    expect(narrow.keepsProtocolBeyond('gatetest', header)).toBe(false);
  });
});
