import { describe, expect, it } from 'vitest';
import type { CliOptions } from '../../src/cli-options.js';
import { FieldsWriter } from '../../src/output/fields-writer.js';
import { OutputStream } from '../../src/output/output-stream.js';
import { escapeForTerminal } from '../../src/output/terminal-safety.js';
import { rawStringBytes } from '@netdissect/core';
import { treeContextFor } from '../../src/output/tree-needs.js';
import { corpusAvailable } from '../../../../test/support/paths.js';
import { printBothWays, type PrintedBothWays } from './support/print-both-ways.js';
import '../../src/protocols.js';

type FieldOptions = CliOptions['fieldOptions'];

/**
 * -T fields writes its cells as bytes when not on a terminal and as the
 * joined, escaped line on one: both must print what `line` lays out.
 */
function printFieldsBothWays(rel: string, fields: string[], opts: FieldOptions): Promise<PrintedBothWays> {
  const probe = new FieldsWriter(opts, fields, new OutputStream({ write: () => undefined }));
  return printBothWays(rel, { columns: probe.columns, tree: treeContextFor([probe.needs]) }, (toBytes, toTerminal) => {
    const viaBytes = new FieldsWriter(opts, fields, toBytes);
    const viaTerminal = new FieldsWriter(opts, fields, toTerminal);
    return (f) => {
      const columns = probe.columns ? { Protocol: f.pinfo.cols.protocol, Info: f.pinfo.cols.info } : undefined;
      // line() before the printers: the reference is made from the frame as they get it.
      const line = probe.line(f.tree!, columns);
      viaBytes.frame(f);
      viaTerminal.frame(f);
      return line;
    };
  });
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
    const r = await printFieldsBothWays(rel, fields, opts);
    expect(r.frames).toBeGreaterThan(0);
    // A JSON string keeps the bytes that are not UTF-8: both paths write those bytes.
    expect(r.rawBytes.equals(Buffer.from(rawStringBytes(r.lines)))).toBe(true);
    expect(r.terminal).toBe(escapeForTerminal(r.lines));
    // Not a run of empty lines: the fields were found.
    expect(r.lines.replace(/[\t\n"→ ;]/g, '').length).toBeGreaterThan(r.frames);
  });

  it('the byte path carries text beyond ASCII as UTF-8, and bytes that are not UTF-8 as they were in the packet', async () => {
    const r = await printFieldsBothWays('tcp/one_tcp_stream_max_seq.pcap', ['json.value.string'], tabs);
    expect(/[^\x00-\x7f]/.test(r.bytes)).toBe(true);
    // The first JSON string value is ISO-8859-8 Hebrew in a UTF-8 body: tshark 4.0 prints its bytes (e4 f6 f2 e5 fa ...).
    expect(r.rawBytes.includes(Buffer.from([0xe4, 0xf6, 0xf2, 0xe5, 0xfa, 0x20, 0xe7]))).toBe(true);
  });
});
