import { DissectionSession } from '@netdissect/core';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusPath } from '../../../test/support/paths.js';
import { readAllPackets } from '../../../test/support/resegment-tcp.js';
import { byNumber, dissectPackets, values } from './support/dissect-capture.js';

async function frames(rel: string, opts: { twoPass?: boolean; session?: DissectionSession } = {}) {
  return byNumber(dissectPackets(await readAllPackets(corpusPath(rel)), opts));
}

describe.skipIf(!corpusAvailable())('FTP-DATA connections', () => {
  it('dissects a passive-mode connection on a high port as FTP-DATA, linked to PASV and LIST', async () => {
    const f = await frames('ftp/ipv4.pcap');
    const d = f(28);
    expect(d.pinfo.cols.protocol).toBe('FTP-DATA');
    expect(d.pinfo.cols.info).toBe('FTP Data: 342 bytes (PASV) (LIST)');
    expect(values(d, 'ftp-data.setup-frame')).toEqual([20]);
    expect(values(d, 'ftp-data.setup-method')).toEqual(['PASV']);
    expect(values(d, 'ftp-data.command')).toEqual(['LIST']);
    expect(values(d, 'ftp-data.command-frame')).toEqual([25]);
    expect(d.pinfo.layers).toContain('data-text-lines');
    expect(f(46).pinfo.cols.info).toBe('FTP Data: 77 bytes (PASV) (RETR robots.txt)');
  });

  it('links an active-mode connection from port 20 to its PORT command', async () => {
    const f = await frames('ftp/suri-ftp-upload-active.pcap');
    expect(f(36).pinfo.cols.info).toBe('FTP Data: 39 bytes (PORT) (STOR index.html)');
    expect(values(f(36), 'ftp-data.setup-frame')).toEqual([29]);
    expect(values(f(36), 'ftp-data.command-frame')).toEqual([31]);
  });

  it('leaves alone a data connection PORT did not predict (server not on port 20), as tshark does', async () => {
    const f = await frames('ftp/ipv4.pcap');
    expect(f(63).pinfo.cols.protocol).toBe('TCP');
  });

  it('links EPSV connections over IPv6, and not the EPRT ones tshark does not recognise', async () => {
    const f = await frames('ftp/ipv6.pcap');
    expect(f(36).pinfo.cols.info).toBe('FTP Data: 342 bytes (EPASV) (LIST)');
    expect(values(f(53), 'ftp-data.current-working-directory')).toEqual(['/']);
    expect(f(98).pinfo.cols.protocol).toBe('TCP');
  });

  it('keeps the working directory of the command on every data frame (tickedoffdeveloper.pcapng)', async () => {
    const f = await frames('ftp/tickedoffdeveloper.pcapng', { twoPass: true });
    for (const no of [66, 67, 82]) {
      expect(values(f(no), 'ftp-data.current-working-directory')).toEqual(['/backup/']);
      expect(values(f(no), 'ftp-data.command')).toEqual(['STOR store4829-03222010.csv']);
    }
  });

  it('stops expecting data connections at the session limit, and says so', async () => {
    const session = new DissectionSession({ limits: { ftpMaxExpectedConnections: 1 } });
    const f = await frames('ftp/suri-ftp-upload-passive.pcap', { session });
    // The first PASV is expected and its connection comes: that frees the place for the second.
    expect(f(20).pinfo.cols.protocol).toBe('FTP-DATA');
    expect(f(36).pinfo.cols.protocol).toBe('FTP-DATA');
    expect(f(14).pinfo.experts).toEqual([]);

    const none = new DissectionSession({ limits: { ftpMaxExpectedConnections: 0 } });
    const g = await frames('ftp/suri-ftp-upload-passive.pcap', { session: none });
    expect(g(20).pinfo.cols.protocol).toBe('TCP');
    expect(g(14).pinfo.experts.map((e) => e.summary)).toEqual(['Too many announced data connections (ftpMaxExpectedConnections=0); this one is not tracked']);
  });
});
