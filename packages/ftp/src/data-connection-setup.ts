import { Address, AddressType, type FieldNode, type PacketInfo, type Tvb } from '@netdissect/core';
import { announceDataConnection, type FtpControlState, type SetupMethod } from './conversation-state.js';
import { ftpDataDissector } from './dissect-ftp-data.js';
import { ftpExpert, ftpFields } from './fields.js';
import { parseHostPort } from './port-argument.js';
import { FTP_DATA_PORT } from './ports.js';
import { EprtFamily, parseEprt, parseEpsvReply } from './rfc2428.js';

const LIMIT_KEY = 'ftp.expected-limit';

/** Where the argument text sits in the control line, for field positions. */
export interface ArgumentSpan {
  readonly text: Uint8Array;
  /** Length of the request's command word (0 for replies). */
  readonly tokenLength: number;
  /** Where the line after this one starts. */
  readonly lineEnd: number;
}

/**
 * Expect the data connection on the first pass; when the session limit
 * refuses it, say so (on every pass).
 */
function expectData(pinfo: PacketInfo, control: FtpControlState, node: FieldNode | null, a: Address, pa: number, b: Address, method: SetupMethod): void {
  if (!pinfo.visited && !announceDataConnection(pinfo, control, ftpDataDissector, a, pa, b, method)) pinfo.setFrameData(LIMIT_KEY, true);
  if (pinfo.getFrameData<boolean>(LIMIT_KEY)) {
    pinfo.expert(node, ftpExpert.expectedLimit, `Too many announced data connections (ftpMaxExpectedConnections=${pinfo.session.limits.ftpMaxExpectedConnections}); this one is not tracked`);
  }
}

/** PORT h1,h2,h3,h4,p1,p2: the server will connect from port 20 to that address and port. */
export function handlePort(tvb: Tvb, pinfo: PacketInfo, node: FieldNode | null, control: FtpControlState, arg: ArgumentSpan): void {
  const hp = parseHostPort(arg.text);
  if (hp === null) return;
  const base = arg.tokenLength + 1;
  node?.add(ftpFields.activeIp, tvb, hp.offset + base, hp.ipLength, hp.ip);
  node?.add(ftpFields.activePort, tvb, hp.offset + 1 + base + hp.ipLength, hp.portLength, hp.port);
  const addr = Address.ipv4(hp.ip);
  if (!pinfo.src.equals(addr)) node?.add(ftpFields.activeNat, tvb, 0, 0, true);
  expectData(pinfo, control, node, pinfo.dst, FTP_DATA_PORT, addr, 'PORT');
}

/** 227 (h1,h2,h3,h4,p1,p2): the client will connect to that address and port. */
export function handlePasvReply(tvb: Tvb, pinfo: PacketInfo, node: FieldNode | null, control: FtpControlState, arg: ArgumentSpan): void {
  const hp = parseHostPort(arg.text);
  if (hp === null) return;
  node?.add(ftpFields.pasvIp, tvb, hp.offset + 4, hp.ipLength, hp.ip);
  node?.add(ftpFields.pasvPort, tvb, hp.offset + 4 + 1 + hp.ipLength, hp.portLength, hp.port);
  const addr = Address.ipv4(hp.ip);
  if (!pinfo.src.equals(addr)) node?.add(ftpFields.pasvNat, tvb, 0, 0, true);
  expectData(pinfo, control, node, addr, hp.port, pinfo.dst, 'PASV');
}

/** The expert item packet-ftp.c places on a bad EPRT/EPSV argument. */
function badArgument(tvb: Tvb, pinfo: PacketInfo, node: FieldNode | null, arg: ArgumentSpan, ei: typeof ftpExpert.eprtArgsInvalid): void {
  pinfo.addExpertItem(node, ei, tvb, arg.lineEnd - arg.text.length - 1, arg.text.length);
}

/** EPRT |af|addr|port|: the server will connect to that address and port. */
export function handleEprt(tvb: Tvb, pinfo: PacketInfo, node: FieldNode | null, control: FtpControlState, arg: ArgumentSpan): void {
  const e = parseEprt(arg.text);
  if (e === null) {
    badArgument(tvb, pinfo, node, arg, ftpExpert.eprtArgsInvalid);
    return;
  }
  let off = arg.tokenLength + 2;
  node?.add(ftpFields.eprtAf, tvb, off, 1, e.family);
  off += 2;
  let addr: Address;
  if (e.family === EprtFamily.IPv4) {
    node?.add(ftpFields.eprtIp, tvb, off, e.addressLength, e.address);
    addr = Address.ipv4(e.address as number);
  } else {
    node?.add(ftpFields.eprtIpv6, tvb, off, e.addressLength, e.address);
    addr = new Address(AddressType.IPv6, e.address as Uint8Array);
  }
  off += e.addressLength + 1;
  node?.add(ftpFields.eprtPort, tvb, off, e.portLength, e.port);
  expectData(pinfo, control, node, pinfo.src, e.port, addr, 'EPRT');
}

/** 229 (|||port|): the client will connect to the server's own address on that port. */
export function handleEpsvReply(tvb: Tvb, pinfo: PacketInfo, node: FieldNode | null, control: FtpControlState, arg: ArgumentSpan): void {
  const r = parseEpsvReply(arg.text);
  if (r === null) {
    badArgument(tvb, pinfo, node, arg, ftpExpert.epsvArgsInvalid);
    return;
  }
  const server = pinfo.src;
  const b = server.bytes;
  if (server.type === AddressType.IPv4) node?.addGenerated(ftpFields.epsvIp, tvb, 0, 0, ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0);
  else if (server.type === AddressType.IPv6) node?.addGenerated(ftpFields.epsvIpv6, tvb, 0, 0, b.slice());
  node?.add(ftpFields.epsvPort, tvb, r.offset + 4, r.portLength, r.port);
  expectData(pinfo, control, node, server, r.port, pinfo.dst, 'EPASV');
}
