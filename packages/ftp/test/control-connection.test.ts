import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusPath } from '../../../test/support/paths.js';
import { readAllPackets } from '../../../test/support/resegment-tcp.js';
import { byNumber, dissectPackets, values } from './support/dissect-capture.js';

async function frames(rel: string, twoPass = false) {
  return byNumber(dissectPackets(await readAllPackets(corpusPath(rel)), { twoPass }));
}

describe.skipIf(!corpusAvailable())('FTP control connection', () => {
  it('splits requests into command and argument, replies into code and text (ipv4.pcap)', async () => {
    const f = await frames('ftp/ipv4.pcap');
    expect(f(6).pinfo.cols.protocol).toBe('FTP');
    expect(f(6).pinfo.cols.info).toBe('Request: USER anonymous');
    expect(values(f(6), 'ftp.request.command')).toEqual(['USER']);
    expect(values(f(6), 'ftp.request.arg')).toEqual(['anonymous']);
    expect(values(f(6), 'ftp.request')).toEqual([true]);
    expect(values(f(6), 'ftp.response')).toEqual([false]);
    expect(f(7).pinfo.cols.info).toBe('Response: 331 Guest login ok, type your name as password.');
    expect(values(f(7), 'ftp.response.code')).toEqual([331]);
    expect(values(f(7), 'ftp.response.arg')).toEqual(['Guest login ok, type your name as password.']);
    // A command without argument.
    expect(values(f(16), 'ftp.request.command')).toEqual(['SYST']);
    expect(values(f(16), 'ftp.request.arg')).toEqual([]);
  });

  it('shows a multi-line reply segment by segment, as tshark does', async () => {
    const f = await frames('ftp/ipv4.pcap');
    // "230-\r\n" alone: the code, and no text.
    expect(values(f(10), 'ftp.response.code')).toEqual([230]);
    expect(values(f(10), 'ftp.response.arg')).toEqual([]);
    // The next segment starts with a continuation line: text only.
    expect(values(f(12), 'ftp.response.code')).toEqual([]);
    expect(values(f(12), 'ftp.response.arg')).toEqual(['    The NetBSD Project FTP Server located in Redwood City, CA, USA']);
    // That segment ends inside a line; the next one starts with the rest of it, unchanged.
    expect(f(14).pinfo.cols.info).toBe('Response: nds.          `--{__________)  (FL) \\/');
  });

  it('reads the address and port of PASV replies and PORT commands', async () => {
    const f = await frames('ftp/ipv4.pcap');
    expect(values(f(20), 'ftp.passive.ip')).toEqual([(199 << 24 | 233 << 16 | 217 << 8 | 249) >>> 0]);
    expect(values(f(20), 'ftp.passive.port')).toEqual([221 * 256 + 90]);
    expect(values(f(20), 'ftp.passive.nat')).toEqual([]);
    expect(values(f(57), 'ftp.active.cip')).toEqual([(141 << 24 | 142 << 16 | 220 << 8 | 235) >>> 0]);
    expect(values(f(57), 'ftp.active.port')).toEqual([131 * 256 + 46]);
  });

  it('reads EPRT (IPv6) and EPSV arguments (ipv6.pcap)', async () => {
    const f = await frames('ftp/ipv6.pcap');
    expect(values(f(28), 'ftp.epsv.port')).toEqual([57086]);
    expect(Buffer.from(values(f(28), 'ftp.epsv.ipv6')[0] as Uint8Array).toString('hex')).toBe('2001047048670099' + '0000000000000021');
    expect(values(f(90), 'ftp.eprt.af')).toEqual([2]);
    expect(values(f(90), 'ftp.eprt.port')).toEqual([49189]);
    expect(Buffer.from(values(f(90), 'ftp.eprt.ipv6')[0] as Uint8Array).toString('hex')).toBe('200104701f11081fc9990d94aa7c2e3e');
  });

  it('follows the working directory through PWD and CWD, on both passes', async () => {
    for (const twoPass of [false, true]) {
      const f = await frames('ftp/tickedoffdeveloper.pcapng', twoPass);
      expect(values(f(15), 'ftp.current-working-directory')).toEqual(['']);
      expect(values(f(16), 'ftp.current-working-directory')).toEqual(['/']);
      expect(values(f(27), 'ftp.current-working-directory')).toEqual(['/']);
      expect(values(f(28), 'ftp.current-working-directory')).toEqual(['/backup/']);
      expect(values(f(64), 'ftp.current-working-directory')).toEqual(['/backup/']);
    }
  });

  it('links a command to the data it caused on the second pass', async () => {
    const one = await frames('ftp/tickedoffdeveloper.pcapng');
    expect(values(one(64), 'ftp.command-response.frames')).toEqual([]);
    const f = await frames('ftp/tickedoffdeveloper.pcapng', true);
    const stor = f(64);
    expect(values(stor, 'ftp.command-response.frames')).toEqual([15]);
    expect(values(stor, 'ftp.command-response.bytes')).toEqual([19832]);
    expect(values(stor, 'ftp.command-response.first-frame-num')).toEqual([66]);
    expect(values(stor, 'ftp.command-response.last-frame-num')).toEqual([82]);
    expect(values(stor, 'ftp.command-response.duration')).toEqual([1]);
    expect(values(stor, 'ftp.command-response.bitrate')).toEqual([158656]);
    expect(values(stor, 'ftp.setup-frame')).toEqual([60]);
    // The PASV reply that announced the connection names the command.
    expect(values(f(60), 'ftp.command')).toEqual(['STOR store4829-03222010.csv']);
    expect(values(f(60), 'ftp.command-frame')).toEqual([64]);
    // A LIST whose data connection was not captured: zero counts, no setup frame.
    expect(values(f(21), 'ftp.command-response.frames')).toEqual([0]);
    expect(values(f(21), 'ftp.setup-frame')).toEqual([0]);
    expect(values(f(20), 'ftp.command')).toEqual([]);
  });
});
