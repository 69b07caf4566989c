import { describe, expect, it } from 'vitest';
import { CaptureReader, DissectionSession, dissectCapture } from '@netdissect/core';
import type { CliOptions } from '../../src/cli-options.js';
import { FieldsWriter } from '../../src/output/fields-writer.js';
import { OutputStream } from '../../src/output/output-stream.js';
import { escapeForTerminal } from '../../src/output/terminal-safety.js';
import { treeContextFor } from '../../src/output/tree-needs.js';
import { corpusAvailable, corpusPath } from '../../../../test/support/paths.js';
import '../../src/protocols.js';

type FieldOptions = CliOptions['fieldOptions'];

/**
 * -T fields writes its cells as bytes when not on a terminal and as the
 * joined, escaped line on one: both must print what `line` lays out.
 */
async function printBothWays(rel: string, fields: string[], opts: FieldOptions): Promise<{ lines: string; bytes: string; terminal: string; frames: number }> {
  const bytesOut: string[] = [];
  const terminalOut: string[] = [];
  const toBytes = new OutputStream({ write: (s) => void bytesOut.push(String(s)) });
  const toTerminal = new OutputStream({ write: (s) => void terminalOut.push(String(s)), isTTY: true });
  const viaBytes = new FieldsWriter(opts, fields, toBytes);
  const viaTerminal = new FieldsWriter(opts, fields, toTerminal);
  const reference = new FieldsWriter(opts, fields, toBytes);
  const lines: string[] = [];
  const session = new DissectionSession({ prefs: { 'tcp.reassemble_out_of_order': true }, columns: viaBytes.columns });
  const reader = await CaptureReader.open(corpusPath(rel));
  let frames = 0;
  try {
    await dissectCapture(reader, session, { tree: treeContextFor([viaBytes.needs]) }, (f) => {
      const columns = viaBytes.columns ? { Protocol: f.pinfo.cols.protocol, Info: f.pinfo.cols.info } : undefined;
      lines.push(reference.line(f.tree!, columns));
      viaBytes.frame(f);
      viaTerminal.frame(f);
      frames++;
      return true;
    });
  } finally {
    await reader.close();
  }
  await toBytes.end();
  await toTerminal.end();
  return { lines: lines.map((l) => l + '\n').join(''), bytes: bytesOut.join(''), terminal: terminalOut.join(''), frames };
}

const tabs: FieldOptions = { header: false, separator: '\t', occurrence: 'a', aggregator: ',', quote: '' };
const quoted: FieldOptions = { header: false, separator: ' → ', occurrence: 'a', aggregator: ';', quote: '"' };

describe.skipIf(!corpusAvailable())('FieldsWriter', () => {
  // Values with non-ASCII text (JSON strings, mail headers), control characters (DNS names), several occurrences a frame, empty cells, and the columns.
  it.each([
    ['tcp/one_tcp_stream_max_seq.pcap', ['frame.number', 'tcp.stream', 'json.value.string', 'http.request.uri'], tabs],
    ['tcp/one_tcp_stream_max_seq.pcap', ['json.value.string', 'json.member', '_ws.col.Info'], quoted],
    ['malformed/dns-invalid-names.pcap', ['dns.qry.name', 'dns.resp.name', 'ip.src', '_ws.col.Protocol'], tabs],
    ['smtp/mail_sender_attachment.pcapng', ['frame.number', 'smtp.req.command', 'smtp.req.parameter', 'imf.subject', 'imf.from'], quoted],
    ['dns/DnsPackets.pcap', ['frame.number', 'ip.src', 'ipv6.src', 'udp.stream', 'dns.qry.name', 'dns.a', 'dns.aaaa'], tabs],
  ] as Array<[string, string[], FieldOptions]>)('%s %j: the lines written as bytes equal line(), and on a terminal its escaped string', async (rel, fields, opts) => {
    const r = await printBothWays(rel, fields, opts);
    expect(r.frames).toBeGreaterThan(0);
    expect(r.bytes).toBe(r.lines);
    expect(r.terminal).toBe(escapeForTerminal(r.lines));
    // Not a run of empty lines: the fields were found.
    expect(r.lines.replace(/[\t\n"→ ;]/g, '').length).toBeGreaterThan(r.frames);
  });

  it('the byte path carries text beyond ASCII as UTF-8', async () => {
    const r = await printBothWays('tcp/one_tcp_stream_max_seq.pcap', ['json.value.string'], tabs);
    expect(/[^\x00-\x7f]/.test(r.bytes)).toBe(true);
  });
});
