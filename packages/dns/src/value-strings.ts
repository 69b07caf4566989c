import { vals, type RangeStrings, type TrueFalse, type ValueStrings } from '@netdissect/core';

/** Record type numbers that the dissector treats specially. */
export const RRType = {
  A: 1, NS: 2, MD: 3, MF: 4, CNAME: 5, SOA: 6, MB: 7, MG: 8, MR: 9, NULL: 10, WKS: 11, PTR: 12, HINFO: 13,
  MINFO: 14, MX: 15, TXT: 16, RP: 17, AFSDB: 18, X25: 19, ISDN: 20, RT: 21, NSAP: 22, NSAP_PTR: 23, SIG: 24,
  KEY: 25, PX: 26, GPOS: 27, AAAA: 28, LOC: 29, NXT: 30, SRV: 33, NAPTR: 35, KX: 36, CERT: 37, A6: 38,
  DNAME: 39, OPT: 41, APL: 42, DS: 43, SSHFP: 44, IPSECKEY: 45, RRSIG: 46, NSEC: 47, DNSKEY: 48, DHCID: 49,
  NSEC3: 50, NSEC3PARAM: 51, TLSA: 52, HIP: 55, CDS: 59, CDNSKEY: 60, OPENPGPKEY: 61, CSYNC: 62, ZONEMD: 63,
  SVCB: 64, HTTPS: 65, SPF: 99, NID: 104, L32: 105, L64: 106, LP: 107, EUI48: 108, EUI64: 109, TKEY: 249,
  TSIG: 250, IXFR: 251, AXFR: 252, ANY: 255, CAA: 257, DLV: 32769, WINS: 65281, WINS_R: 65282, XPF: 65422,
} as const;

/** Mnemonics (dns_types_vals); note Wireshark 4.0 swaps MAILA and MAILB. */
export const rrTypeNames: ValueStrings = vals({
  0: 'Unused', 1: 'A', 2: 'NS', 3: 'MD', 4: 'MF', 5: 'CNAME', 6: 'SOA', 7: 'MB', 8: 'MG', 9: 'MR', 10: 'NULL',
  11: 'WKS', 12: 'PTR', 13: 'HINFO', 14: 'MINFO', 15: 'MX', 16: 'TXT', 17: 'RP', 18: 'AFSDB', 19: 'X25',
  20: 'ISDN', 21: 'RT', 22: 'NSAP', 23: 'NSAP-PTR', 24: 'SIG', 25: 'KEY', 26: 'PX', 27: 'GPOS', 28: 'AAAA',
  29: 'LOC', 30: 'NXT', 31: 'EID', 32: 'NIMLOC', 33: 'SRV', 34: 'ATMA', 35: 'NAPTR', 36: 'KX', 37: 'CERT',
  38: 'A6', 39: 'DNAME', 40: 'SINK', 41: 'OPT', 42: 'APL', 43: 'DS', 44: 'SSHFP', 45: 'IPSECKEY', 46: 'RRSIG',
  47: 'NSEC', 48: 'DNSKEY', 49: 'DHCID', 50: 'NSEC3', 51: 'NSEC3PARAM', 52: 'TLSA', 55: 'HIP', 57: 'RKEY',
  58: 'TALINK', 59: 'CDS', 60: 'CDNSKEY', 61: 'OPENPGPKEY', 62: 'CSYNC', 63: 'ZONEMD', 64: 'SVCB', 65: 'HTTPS',
  99: 'SPF', 100: 'UINFO', 101: 'UID', 102: 'GID', 103: 'UNSPEC', 104: 'NID', 105: 'L32', 106: 'L64', 107: 'LP',
  108: 'EUI48', 109: 'EUI64', 249: 'TKEY', 250: 'TSIG', 251: 'IXFR', 252: 'AXFR', 253: 'MAILA', 254: 'MAILB',
  255: 'ANY', 256: 'URI', 257: 'CAA', 32768: 'TA', 32769: 'DLV', 65281: 'WINS', 65282: 'WINS-R', 65422: 'XPF',
});

/** Long names used by the Type fields' labels (dns_types_description_vals). */
export const rrTypeDescriptions: ValueStrings = vals({
  0: 'Unused', 1: 'A (Host Address)', 2: 'NS (authoritative Name Server)', 3: 'MD (Mail Destination)',
  4: 'MF (Mail Forwarder)', 5: 'CNAME (Canonical NAME for an alias)', 6: 'SOA (Start Of a zone of Authority)',
  7: 'MB (MailBox domain name)', 8: 'MG (Mail Group member)', 9: 'MR (Mail Rename domain)', 10: 'NULL RR',
  11: 'WKS (Well Known Service)', 12: 'PTR (domain name PoinTeR)', 13: 'HINFO (host information)',
  14: 'MINFO (Mailbox or mail list information)', 15: 'MX (Mail eXchange)', 16: 'TXT (Text strings)',
  17: 'RP (Responsible Person)', 18: 'AFSDB (AFS Data Base location)', 19: 'X25 (XX.25 PSDN address)',
  20: 'ISDN (ISDN address)', 21: 'RT (Route Through)', 22: 'NSAP (NSAP address)',
  23: 'NSAP-PTR (NSAP domain name pointer)', 24: 'SIG (security signature)', 25: 'KEY (security key)',
  26: 'PX (X.400 mail mapping information)', 27: 'GPOS (Geographical Position)', 28: 'AAAA (IPv6 Address)',
  29: 'LOC (Location Information)', 30: 'NXT (Next Domain)', 31: 'EID (Endpoint Identifier)',
  32: 'NIMLOC (Nimrod Locator)', 33: 'SRV (Server Selection)', 34: 'ATMA (ATM Address)',
  35: 'NAPTR (Naming Authority Pointer)', 36: 'KX (Key Exchanger)', 37: 'CERT', 38: 'A6 (OBSOLETE - use AAAA)',
  39: 'DNAME', 40: 'SINK', 41: 'OPT', 42: 'APL', 43: 'DS (Delegation Signer)', 44: 'SSHFP (SSH Key Fingerprint)',
  45: 'IPSECKEY', 46: 'RRSIG (Resource Record Signature)', 47: 'NSEC (Next Secure)', 48: 'DNSKEY (DNS Public Key)',
  49: 'DHCID', 50: 'NSEC3', 51: 'NSEC3PARAM', 52: 'TLSA', 55: 'HIP (Host Identity Protocol)', 57: 'RKEY',
  58: 'TALINK (Trust Anchor LINK)', 59: 'CDS (Child DS)', 60: 'CDNSKEY (DNSKEY(s) the Child wants reflected in DS)',
  61: 'OPENPGPKEY (OpenPGP Key)', 62: 'CSYNC (Child-to-Parent Synchronization)', 63: 'ZONEMD',
  64: 'SVCB (General Purpose Service Endpoints)', 65: 'HTTPS (HTTPS Specific Service Endpoints)', 99: 'SPF',
  100: 'UINFO', 101: 'UID', 102: 'GID', 103: 'UNSPEC', 104: 'NID (NodeID)', 105: 'L32 (Locator32)',
  106: 'L64 (Locator64)', 107: 'LP (Locator FQDN)', 108: 'EUI48', 109: 'EUI64', 249: 'TKEY (Transaction Key)',
  250: 'TSIG (Transaction Signature)', 251: 'IXFR (incremental transfer)', 252: 'AXFR (transfer of an entire zone)',
  253: 'MAILB (mailbox-related RRs)', 254: 'MAILA (mail agent RRs)',
  255: '* (A request for all records the server/cache has available)', 256: 'URI',
  257: 'CAA (Certification Authority Restriction)', 32768: 'TA (DNSSEC Trust Authorities)',
  32769: 'DLV (DNSSEC Lookaside Validation)', 65281: 'WINS', 65282: 'WINS-R', 65422: 'XPF',
});

/** val_to_str(type, dns_types_vals, "Unknown (%d)"). */
export function rrTypeName(type: number): string {
  return rrTypeNames.get(type) ?? `Unknown (${type})`;
}

export function rrTypeDescription(type: number): string {
  return rrTypeDescriptions.get(type) ?? `Unknown (${type})`;
}

export const classNames: ValueStrings = vals({ 1: 'IN', 2: 'CS', 3: 'CH', 4: 'HS', 254: 'NONE', 255: 'ANY' });

export function className(cls: number): string {
  return classNames.get(cls) ?? 'Unknown';
}

export const Opcode = { QUERY: 0, IQUERY: 1, STATUS: 2, NOTIFY: 4, UPDATE: 5, DSO: 6 } as const;

export const opcodeNames: ValueStrings = vals({
  0: 'Standard query', 1: 'Inverse query', 2: 'Server status request', 4: 'Zone change notification',
  5: 'Dynamic update', 6: 'DNS Stateful operations (DSO)',
});

export const rcodeNames: ValueStrings = vals({
  0: 'No error', 1: 'Format error', 2: 'Server failure', 3: 'No such name', 4: 'Not implemented', 5: 'Refused',
  6: 'Name exists', 7: 'RRset exists', 8: 'RRset does not exist', 9: 'Not authoritative', 10: 'Name out of zone',
  11: 'DSO-Type not implemented', 16: 'Bad OPT Version or TSIG Signature Failure', 17: 'Key not recognized',
  18: 'Signature out of time window', 19: 'Bad TKEY Mode', 20: 'Duplicate key name', 21: 'Algorithm not supported',
  22: 'Bad Truncation', 23: 'Bad/missing Server Cookie',
});

export const EdnsOption = {
  NSID: 3, DAU: 5, DHU: 6, N3U: 7, CLIENT_SUBNET: 8, EXPIRE: 9, COOKIE: 10, TCP_KEEPALIVE: 11, PADDING: 12,
  CHAIN: 13, EXTENDED_ERROR: 15, CLIENT_SUBNET_EXPERIMENTAL: 0x50fa,
} as const;

export const ednsOptionNames: ValueStrings = vals({
  0: 'Reserved', 1: 'LLQ - Long-lived query', 2: 'UL - Update lease', 3: 'NSID - Name Server Identifier',
  4: 'Owner (reserved)', 5: 'DAU - DNSSEC Algorithm Understood (RFC6975)', 6: 'DHU - DS Hash Understood (RFC6975)',
  7: 'N3U - NSEC3 Hash Understood (RFC6975)', 0x50fa: 'Experimental - CSUBNET - Client subnet',
  8: 'CSUBNET - Client subnet', 9: 'EDNS EXPIRE (RFC7314)', 10: 'COOKIE', 11: 'EDNS TCP Keepalive', 12: 'PADDING',
  13: 'CHAIN', 15: 'Extended DNS Error',
});

export const dnssecAlgorithmNames: ValueStrings = vals({
  1: 'RSA/MD5', 2: 'Diffie-Hellman', 3: 'DSA', 4: 'Elliptic curve crypto', 5: 'RSA/SHA1', 6: 'DSA + NSEC3/SHA1',
  7: 'RSA/SHA1 + NSEC3/SHA1', 8: 'RSA/SHA-256', 10: 'RSA/SHA-512', 12: 'GOST R 34.10-2001',
  13: 'ECDSA Curve P-256 with SHA-256', 14: 'ECDSA Curve P-386 with SHA-386', 15: 'Ed25519', 16: 'Ed448',
  157: 'HMAC/MD5', 252: 'Indirect key', 253: 'Private, domain name', 254: 'Private, OID',
});

export const dsDigestNames: ValueStrings = vals({ 0: 'Reserved digest', 1: 'SHA-1', 2: 'SHA-256', 3: 'GOST R 34.11-94', 4: 'SHA-384' });
export const nsec3HashNames: ValueStrings = vals({ 0: 'Reserved', 1: 'SHA-1' });
export const addressFamilyNames: ValueStrings = vals({ 1: 'IPv4', 2: 'IPv6' });
export const tkeyModeNames: ValueStrings = vals({ 1: 'Server assigned', 2: 'Diffie Hellman', 3: 'GSSAPI', 4: 'Resolver assigned', 5: 'Delete' });
export const sshfpAlgorithmNames: ValueStrings = vals({ 0: 'Reserved', 1: 'RSA', 2: 'DSA', 3: 'ECDSA', 4: 'Ed25519', 5: 'XMSS' });
export const sshfpFingerprintTypeNames: ValueStrings = vals({ 0: 'Reserved', 1: 'SHA1', 2: 'SHA256' });
export const hipAlgorithmNames: ValueStrings = vals({ 1: 'DSA', 2: 'RSA', 0: 'Reserved' });
export const ipseckeyAlgorithmNames: ValueStrings = vals({ 1: 'DSA', 2: 'RSA' });
export const ipseckeyGatewayTypeNames: ValueStrings = vals({ 0: 'No Gateway', 1: 'IPv4 Gateway', 2: 'IPv6 Gateway', 3: 'DNS Gateway' });
export const certTypeNames: ValueStrings = vals({
  1: 'PKIX', 2: 'SPKI', 3: 'PGP', 4: 'IPKIX', 5: 'ISPKI', 6: 'IPGP', 7: 'ACPKIX', 8: 'IACPKIX', 253: 'Private, URI', 254: 'Private, OID',
});
export const tlsaCertificateUsageNames: ValueStrings = vals({
  0: 'CA constraint (PKIX-TA)', 1: 'Service certificate constraint (PKIX-EE)', 2: 'Trust anchor assertion (DANE-TA)',
  3: 'Domain-issued certificate (DANE-EE)',
});
export const tlsaSelectorNames: ValueStrings = vals({ 0: 'Full certificate (Cert)', 1: 'SubjectPublicKeyInfo (SPKI)' });
export const tlsaMatchingTypeNames: ValueStrings = vals({
  0: 'No Hash Used (Full)', 1: '256 bit hash by SHA2 (SHA2-256)', 2: '512 bit hash by SHA2 (SHA2-512)',
});
export const ipVersionNames: ValueStrings = vals({ 4: 'IPv4', 6: 'IPv6' });
export const svcbParamKeyNames: ValueStrings = vals({
  0: 'mandatory', 1: 'alpn', 2: 'no-default-alpn', 3: 'port', 4: 'ipv4hint', 5: 'echconfig', 6: 'ipv6hint',
  32769: 'odohconfig', 65535: 'key65535',
});

export const zonemdSchemeRanges: RangeStrings = [
  [0, 0, 'Reserved'], [1, 1, 'SIMPLE'], [2, 239, 'Unassigned'], [240, 254, 'Private Use'], [255, 255, 'Reserved'],
];
export const zonemdHashRanges: RangeStrings = [
  [0, 0, 'Reserved'], [1, 1, 'SHA-384'], [2, 2, 'SHA-512'], [3, 239, 'Unassigned'], [240, 254, 'Private Use'], [255, 255, 'Reserved'],
];
export const dsoTypeRanges: RangeStrings = [
  [0x0000, 0x0000, 'Reserved'], [0x0001, 0x0001, 'Keep Alive'], [0x0002, 0x0002, 'Retry Delay'],
  [0x0003, 0x0003, 'Encryption Padding'], [0x0004, 0x003f, 'Unassigned, reserved for DSO session-management TLVs'],
  [0x0040, 0x0040, 'Subscribe'], [0x0041, 0x0041, 'Push'], [0x0042, 0x0042, 'Unsubscribe'], [0x0043, 0x0043, 'Reconfirm'],
  [0x0044, 0xf7ff, 'Unassigned'], [0xf800, 0xfbff, 'Reserved for Experimental/Local Use'], [0xfc00, 0xffff, 'Reserved for future expansion'],
];
export const extendedErrorRanges: RangeStrings = [
  [0, 0, 'Other Error'], [1, 1, 'Unsupported DNSKEY Algorithm'], [2, 2, 'Unsupported DS Digest Type'], [3, 3, 'Stale Answer'],
  [4, 4, 'Forged Answer'], [5, 5, 'DNSSEC Indeterminate'], [6, 6, 'DNSSEC Bogus'], [7, 7, 'Signature Expired'],
  [8, 8, 'Signature Not Yet Valid'], [9, 9, 'DNSKEY Missing'], [10, 10, 'RRSIGs Missing'], [11, 11, 'No Zone Key Bit Set'],
  [12, 12, 'NSEC Missing'], [13, 13, 'Cached Error'], [14, 14, 'Not Ready'], [15, 15, 'Blocked'], [16, 16, 'Censored'],
  [17, 17, 'Filtered'], [18, 18, 'Prohibited'], [19, 19, 'Stale NXDomain Answer'], [20, 20, 'Not Authoritative'],
  [21, 21, 'Not Supported'], [22, 22, 'No Reachable Authority'], [23, 23, 'Network Error'], [24, 24, 'Invalid Data'],
  [25, 25, 'Signature Expired before Valid'], [26, 26, 'Too Early'], [27, 27, 'Unsupported NSEC3 Iterations Value'],
  [28, 28, 'Unable to conform to policy'], [29, 29, 'Synthesized'], [30, 49151, 'Unassigned'], [49152, 65535, 'Reserved for Private Use'],
];

export function rangeName(ranges: RangeStrings, v: number, fallback: string): string {
  for (const [lo, hi, name] of ranges) if (v >= lo && v <= hi) return name;
  return fallback;
}

export const tfs = {
  response: { true: 'Message is a response', false: 'Message is a query' },
  authoritative: { true: 'Server is an authority for domain', false: 'Server is not an authority for domain' },
  conflictQuery: { true: 'The sender received multiple responses', false: 'None' },
  conflictResponse: { true: 'The name is not considered unique', false: 'The name is considered unique' },
  truncated: { true: 'Message is truncated', false: 'Message is not truncated' },
  recdesired: { true: 'Do query recursively', false: "Don't do query recursively" },
  tentative: { true: 'Tentative', false: 'Not tentative' },
  recavail: { true: 'Server can do recursive queries', false: "Server can't do recursive queries" },
  z: { true: 'reserved - incorrect!', false: 'reserved (0)' },
  authenticated: { true: 'Answer/authority portion was authenticated by the server', false: 'Answer/authority portion was not authenticated by the server' },
  checkdisable: { true: 'Acceptable', false: 'Unacceptable' },
  dnssecOk: { true: 'Accepts DNSSEC security RRs', false: 'Cannot handle DNSSEC security RRs' },
  nsec3OptOut: { true: 'Additional insecure delegations allowed', false: 'Additional insecure delegations forbidden' },
  requiredExperimental: { true: 'Experimental or optional', false: 'Required' },
  zoneKey: { true: 'This is the zone key for specified zone', false: 'This it not a zone key' },
  aplNegation: { true: 'Yes (!)', false: 'No (0)' },
  notAllowedAllowed: { true: 'Not allowed', false: 'Allowed' },
  validInvalid: { true: 'Valid', false: 'Invalid' },
  criticalNotCritical: { true: 'Critical', false: 'Not critical' },
} satisfies Record<string, TrueFalse>;
