/**
 * The typed view of a DNS message that the dissector builds alongside its
 * field tree. Names are given as Wireshark shows them: labels joined by
 * dots, non-printable bytes escaped, "<Root>" for the root, and a marker
 * such as "<Name contains a pointer that loops>" for broken compression.
 */

export interface DnsHeader {
  id: number;
  /** The raw 16-bit flags word. */
  flags: number;
  response: boolean;
  opcode: number;
  authoritative: boolean;
  truncated: boolean;
  recursionDesired: boolean;
  recursionAvailable: boolean;
  z: boolean;
  authenticatedData: boolean;
  checkingDisabled: boolean;
  rcode: number;
  questionCount: number;
  answerCount: number;
  authorityCount: number;
  additionalCount: number;
}

export interface DnsQuestion {
  name: string;
  type: number;
  /** The class; for mDNS without the unicast-response bit. */
  class: number;
  /** mDNS "QU" bit (top bit of the class); always false for DNS and LLMNR. */
  unicastResponse: boolean;
}

export interface DnsResourceRecord {
  name: string;
  type: number;
  /** The class (for OPT the advertised UDP payload size); for mDNS without the cache-flush bit. */
  class: number;
  /** mDNS cache-flush bit (top bit of the class); always false for DNS and LLMNR. */
  cacheFlush: boolean;
  /** TTL (for OPT the extended RCODE, version and flags). */
  ttl: number;
  rdlength: number;
  rdata: DnsRData;
}

export interface EdnsOptionValue {
  code: number;
  data: Uint8Array;
}

/**
 * Decoded RDATA. `kind` is the type's mnemonic for the types decoded into
 * typed fields; every other type (and every record whose RDATA is empty)
 * is `raw`, its bytes kept as they are (the field tree still decodes what
 * Wireshark decodes).
 */
export type DnsRData =
  | { kind: 'A'; address: string }
  | { kind: 'AAAA'; address: string }
  | { kind: 'NS' | 'CNAME' | 'PTR' | 'DNAME'; name: string }
  | { kind: 'SOA'; mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number }
  | { kind: 'MX'; preference: number; exchange: string }
  | { kind: 'TXT' | 'SPF'; strings: string[] }
  | { kind: 'HINFO'; cpu: string; os: string }
  | { kind: 'SRV'; priority: number; weight: number; port: number; target: string }
  | { kind: 'NAPTR'; order: number; preference: number; flags: string; service: string; regexp: string; replacement: string }
  | { kind: 'CAA'; flags: number; tag: string; value: string }
  | {
      kind: 'LOC';
      version: number;
      size: number;
      horizontalPrecision: number;
      verticalPrecision: number;
      latitude: number;
      longitude: number;
      altitude: number;
    }
  | { kind: 'OPT'; udpPayloadSize: number; extendedRcode: number; version: number; dnssecOk: boolean; options: EdnsOptionValue[] }
  | { kind: 'DNSKEY' | 'CDNSKEY'; flags: number; protocol: number; algorithm: number; keyId: number | null; publicKey: Uint8Array }
  | {
      kind: 'RRSIG' | 'SIG';
      typeCovered: number;
      algorithm: number;
      labels: number;
      originalTtl: number;
      expiration: number;
      inception: number;
      keyTag: number;
      signerName: string;
      signature: Uint8Array;
    }
  | { kind: 'DS' | 'CDS' | 'DLV'; keyTag: number; algorithm: number; digestType: number; digest: Uint8Array }
  | { kind: 'NSEC'; nextDomainName: string; types: number[] }
  | {
      kind: 'NSEC3';
      hashAlgorithm: number;
      flags: number;
      iterations: number;
      salt: Uint8Array;
      /** The next hashed owner name in base32hex, as Wireshark prints it. */
      nextHashedOwner: string;
      types: number[];
    }
  | { kind: 'NSEC3PARAM'; hashAlgorithm: number; flags: number; iterations: number; salt: Uint8Array }
  | { kind: 'raw'; data: Uint8Array };

export interface DnsMessage {
  header: DnsHeader;
  questions: DnsQuestion[];
  answers: DnsResourceRecord[];
  authorities: DnsResourceRecord[];
  additionals: DnsResourceRecord[];
}

/** Which dissector variant reads the message: plain DNS, multicast DNS or LLMNR. */
export type DnsFlavor = 'dns' | 'mdns' | 'llmnr';
