import { defineFields, defineProtocol, FT, BASE } from '../fields/field-def.js';
import { makeDissector } from '../dissection/dissector.js';
import { defaultRegistry } from '../dissection/session.js';

export const hfData = defineProtocol('data', 'Data');
export const dataFields = defineFields('data', {
  data: { abbrev: 'data.data', name: 'Data', type: FT.BYTES },
  text: { abbrev: 'data.text', name: 'Text', type: FT.STRING },
  len: { abbrev: 'data.len', name: 'Length', type: FT.INT32, base: BASE.DEC },
});

/** Bytes no dissector claimed ("Data (N bytes)"). */
export const dataDissector = makeDissector('data', 'Data', (tvb, _pinfo, tree) => {
  const n = tvb.length;
  if (tree && n > 0) {
    const t = tree.addProtocol(hfData, tvb, 0, n, `Data (${n} byte${n === 1 ? '' : 's'})`);
    t.addItem(dataFields.data, tvb, 0, n);
    t.addGenerated(dataFields.len, tvb, 0, 0, n);
  }
  return n;
}, []);
defaultRegistry.addNamed(dataDissector);
