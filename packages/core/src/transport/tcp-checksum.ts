import type { FieldNode } from '../fields/field-node.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import { addVerifiedChecksum, checksumShouldBe } from '../network/verified-checksum.js';
import { tcpExpert, tcpFields } from './tcp-fields.js';
import type { TransportInfoText } from './transport-info-text.js';

const tcpChecksumFields = { checksum: tcpFields.checksum, status: tcpFields.checksumStatus, bad: tcpExpert.checksumBad };

/**
 * The checksum of a whole segment with tcp.check_checksum on (packet-tcp.c):
 * "[correct]" or "incorrect, should be …" with the calculated value beside
 * it; 0xffff where 0x0000 is due (RFC 1624) is flagged but accepted. Returns
 * whether the segment may be reassembled: not with a wrong checksum.
 */
export function verifyTcpChecksum(pinfo: PacketInfo, h: FieldNode | null, tvb: Tvb, sum: number, computed: number, infoText: TransportInfoText | null): boolean {
  if (computed === 0 && sum === 0xffff) {
    const item = h ? h.add(tcpFields.checksum, tvb, 16, 2, sum).setValueText('0xffff [should be 0x0000 (see RFC 1624)]') : null;
    item?.addGenerated(tcpFields.checksumCalculated, tvb, 16, 2, 0);
    const status = item ? item.addGenerated(tcpFields.checksumStatus, tvb, 16, 0, 0) : null;
    pinfo.expert(status, tcpExpert.checksumFfff);
    infoText?.checksum(' [TCP CHECKSUM 0xFFFF]');
    return true;
  }
  const item = addVerifiedChecksum(pinfo, h, tcpChecksumFields, tvb, 16, sum, computed);
  h?.addGenerated(tcpFields.checksumCalculated, tvb, 16, 2, checksumShouldBe(sum, computed));
  if (computed === 0) return true;
  item?.appendText('(maybe caused by "TCP checksum offload"?)');
  pinfo.noReassemblyReason = ' [incorrect TCP checksum]';
  infoText?.checksum(' [TCP CHECKSUM INCORRECT]');
  return false;
}
