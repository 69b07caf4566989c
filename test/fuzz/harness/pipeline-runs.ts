/**
 * The netdissect command lines every case goes through: the full tree
 * with labels and summaries, statistics, follow and a display filter on
 * a terminal; JSON and -T fields on a pipe, where their own escaping must
 * hold. The tree run's filter always passes every frame ("F or not F") so
 * -V still renders all of them while F is evaluated on each; half the
 * JSON runs show only the frames F passes.
 */
import { Random } from './random.js';

export interface PipelineRun {
  /** Short name used in failure reports. */
  readonly name: 'tree' | 'json' | 'fields';
  readonly argv: readonly string[];
  /** Written to a sink with isTTY: true (terminal escaping applies). */
  readonly tty: boolean;
}

/** Limits the fuzzer runs under: small, so reaching them is common and their enforcement is exercised. */
export const FUZZ_LIMITS = {
  tcpReassemblyBytesPerFlow: 1 << 20,
  tcpReassemblyBytesTotal: 4 << 20,
  ipFragmentBytesTotal: 1 << 20,
  maxDecompressedBytes: 2 << 20,
  imapMaxLiteralBytes: 1 << 20,
  maxOpenFlows: 2000,
  maxMimeParts: 200,
  ftpMaxExpectedConnections: 100,
} as const;

/** Memory a case may hold outside the JS heap: the byte limits above, four times over, plus room for the case itself. */
export const EXTERNAL_MEMORY_BUDGET = 64 * 1024 * 1024 + 4 * (FUZZ_LIMITS.tcpReassemblyBytesPerFlow + FUZZ_LIMITS.tcpReassemblyBytesTotal +
  FUZZ_LIMITS.ipFragmentBytesTotal + FUZZ_LIMITS.maxDecompressedBytes + FUZZ_LIMITS.imapMaxLiteralBytes);

const FILTERS = [
  'tcp.len > 10 || udp.length < 100',
  'dns.qry.name contains "a" && dns.flags.response == 1',
  'http.request.method == "GET" || http.response.code >= 400',
  'frame.len > 60 and ip.ttl < 64',
  'smtp.req.command == "MAIL" or pop.request.command == "USER" or imap.request contains "FETCH" or ftp.request.command == "PASV"',
  'tcp.analysis.flags || _ws.malformed || _ws.expert',
  'ip.src == 10.0.0.0/8 or ipv6.addr == ::1 or eth.addr == ff:ff:ff:ff:ff:ff',
  'http.host matches "^[a-z]" or imf.subject matches "(?i)test"',
  'tcp.payload[0:2] == 48:54 or frame[0] == 0 or udp.payload[1] == 0',
  'len(http.request.uri) > 5 or dns.count.answers > 2 or lower(http.user_agent) contains "curl"',
  'tcp.stream in {0, 1, 2} or udp.port in {53, 5353}',
  'dns.resp.ttl > 3600 or dns.a == 127.0.0.1 or dns.aaaa == ::1',
];

const STATS = ['io,phs', 'conv,tcp', 'conv,udp', 'endpoints,ip', 'http,tree', 'dns,tree', 'credentials', 'follow,udp,ascii,0', 'follow,tcp,hex,1', 'expert,warn'];

const FIELDS = [
  'frame.protocols', 'ip.src', 'ip.len', 'ipv6.src', 'ip.frag_offset', 'tcp.stream', 'tcp.seq', 'tcp.len', 'tcp.analysis.flags', 'udp.length',
  'dns.qry.name', 'dns.resp.name', 'dns.txt', 'dns.a', 'http.request.uri', 'http.host', 'http.user_agent', 'http.file_data', 'http.chunk_size',
  'http.content_length', 'smtp.req.parameter', 'imf.subject', 'imf.from', 'pop.request.parameter', 'pop.response', 'imap.request', 'imap.response',
  'imap.line', 'ftp.request.command', 'ftp.request.arg', 'ftp.response.arg', 'ftp-data.command', 'data.data', '_ws.expert.message',
];

/** The runs for case (seed, index): which filter, statistics, fields and pass mode it uses is drawn from its numbers. */
export function pipelineRuns(file: string, seed: number, index: number): PipelineRun[] {
  const rng = Random.derive(seed, index, 0x52554e53);
  const filter = rng.pick(FILTERS);
  const tree = ['--no-tui', '-r', file, '-P', '-V', '-Y', `(${filter}) or not (${filter})`, '-z', 'expert', '-z', 'follow,tcp,ascii,0'];
  if (rng.chance(0.5)) tree.push('-z', rng.pick(STATS));
  if (rng.chance(0.3)) tree.push('-2');
  if (rng.chance(0.2)) tree.push('-x');
  const json = ['-r', file, '-T', 'json'];
  if (rng.chance(0.3)) json.push('-2');
  const fields = ['-r', file, '-T', 'fields', '-E', 'occurrence=a', '-e', 'frame.number', '-e', '_ws.col.Info'];
  for (let n = rng.between(2, 6); n > 0; n--) fields.push('-e', rng.pick(FIELDS));
  // Drawn last, so earlier cases keep their command lines: JSON of the frames the filter shows,
  // which leaves out the protocols none of them can hold (the filter as it is, without statistics).
  if (rng.chance(0.5)) json.push('-Y', filter);
  const limits = Object.entries(FUZZ_LIMITS).flatMap(([k, v]) => ['--limit', `${k}=${v}`]);
  return [
    { name: 'tree', argv: [...limits, ...tree], tty: true },
    { name: 'json', argv: [...limits, ...json], tty: false },
    { name: 'fields', argv: [...limits, ...fields], tty: false },
  ];
}
