// The sixteen link types pcap leaves to its users (DLT_USER0 to DLT_USER15,
// 147 to 162): Wireshark decodes them only as its DLT_USER table says, which
// here is empty, so each frame is "User encapsulation not handled" and data
// (packet-user_encap.c without a table entry).
import { LINKTYPE_USER0, LINKTYPE_USER15 } from '../capture/linktypes.js';
import { makeDissector } from '../dissection/dissector.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import { defaultRegistry } from '../dissection/session.js';
import { defineProtocol } from '../fields/field-def.js';
import { dataDissector } from './data.js';

export const hfUserDlt = defineProtocol('user_dlt', 'DLT User');
const eiNotHandled = defineExpert('user_dlt', 'user_dlt.not_handled', Group.UNDECODED, Severity.WARN, 'Formatted text');

export const userDltDissector = makeDissector('user_dlt', 'DLT User', (tvb, pinfo, tree) => {
  const message = `User encapsulation not handled: DLT=${pinfo.raw.linktype}, check your Preferences->Protocols->DLT_USER`;
  const item = tree ? tree.addProtocol(hfUserDlt, tvb, 0, 0, message) : null;
  pinfo.expert(item, eiNotHandled, message);
  pinfo.call(dataDissector, tvb, tree);
  return tvb.length;
});
for (let linktype = LINKTYPE_USER0; linktype <= LINKTYPE_USER15; linktype++) defaultRegistry.addUint('wtap_encap', linktype, userDltDissector);
