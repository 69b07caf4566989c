import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '@netdissect/core';
import { parseDecodeAs } from '../../packages/cli/src/decode-as-option.js';
import { repoRoot } from '../support/paths.js';
import { refusedLine, runNetdissect } from '../support/run-cli.js';

// The goldens of the decode-as-* cases (fixtures/goldens/cli-cases.json) compare the output with
// tshark's for the same -d; these check the option's own rules.
const smtp2525 = join(repoRoot, 'test/lab-traffic/other-ports/lab-smtp-2525.pcap');

describe('-d LAYER==SELECTOR,PROTOCOL (Decode As)', () => {
  it('reads a selector as decode_as_command_option does: one key, a-b, a:count, hex and octal', () => {
    expect(parseDecodeAs('tcp.port==2121,ftp')).toMatchObject({ table: 'tcp.port', first: 2121, last: 2121, proto: 'ftp' });
    expect(parseDecodeAs(' udp.port == 5300-5302, dns ')).toMatchObject({ table: 'udp.port', first: 5300, last: 5302, proto: 'dns' });
    expect(parseDecodeAs('tcp.port==8000:3,http')).toMatchObject({ first: 8000, last: 8002 });
    expect(parseDecodeAs('tcp.port==0x50,http')).toMatchObject({ first: 80, last: 80 });
    expect(parseDecodeAs('tcp.port==010,http')).toMatchObject({ first: 8, last: 8 });
    // tshark warns about a single '=' and goes on as if it were '=='.
    expect(parseDecodeAs('tcp.port=25,smtp')).toMatchObject({ first: 25, proto: 'smtp' });
  });

  it.each([
    ['tcp.port==25', 'expected LAYER==SELECTOR,PROTOCOL'],
    ['tcp.port==x,smtp', 'invalid selector number "x"'],
    ['tcp.port==25 ,smtp', 'invalid selector number "25 "'],
    ['tcp.port==30-20,smtp', 'invalid selector numeric range "30-20"'],
    ['tcp.port==20:0,smtp', 'invalid selector numeric range "20:0"'],
    ['tcp.port==0-4294967295,smtp', 'a range of at most 65536 values'],
    ['tcp.port==4294967296,smtp', 'invalid selector number'],
    ['==25,smtp', 'no layer type given'],
    ['tcp.port==25,', 'no protocol given'],
    ['foo.port==25,smtp', 'unknown layer type "foo.port" (one of: '],
    ['tcp.port==25,tls', 'tcp.port cannot be decoded as "tls" (one of: dns, ftp, ftp-data, http, imap, pop, smtp)'],
  ])('-d %s: one line, status 2', async (arg, message) => {
    expect(await refusedLine(['-d', arg, '-r', smtp2525])).toContain(message);
  });

  it('lasts for its run only: the tables are as they were afterwards, also after a refused -d', async () => {
    const before = new Map(defaultRegistry.table('tcp.port'));
    const decoded = await runNetdissect(['-d', 'tcp.port==2525,smtp', '-r', smtp2525]);
    expect(decoded.stdout).toContain(' SMTP ');
    expect(new Map(defaultRegistry.table('tcp.port'))).toEqual(before);
    // The first -d applied, the second refused: the first is undone too.
    expect((await runNetdissect(['-d', 'tcp.port==2525,smtp', '-d', 'tcp.port==1,nothing', '-r', smtp2525])).status).toBe(2);
    expect(new Map(defaultRegistry.table('tcp.port'))).toEqual(before);
    const plain = await runNetdissect(['-r', smtp2525]);
    expect(plain.stdout).not.toContain(' SMTP ');
  });

  it('a later -d wins where two overlap, as dissector_change_uint in order does', async () => {
    const r = await runNetdissect(['-d', 'tcp.port==2520-2530,pop', '-d', 'tcp.port==2525,smtp', '-r', smtp2525, '-c', '8']);
    expect(r.stdout).toContain(' SMTP ');
    expect(r.stdout).not.toContain(' POP ');
  });
});
