import { describe, expect, it } from 'vitest';
import { Columns, TransportInfoText } from '../../src/index.js';

describe('TransportInfoText', () => {
  it('formats its parts in Wireshark order when read, wherever the options put the timestamps', () => {
    const cols = new Columns();
    const t = TransportInfoText.begin(cols, 33779, 53)!;
    t.header('SYN', 0, -1, 64240);
    t.length(0);
    t.option(' MSS=1460');
    t.option(' SACK_PERM');
    t.timestamps(2044906138, 0);
    t.option(' WS=128');
    expect(cols.info).toBe('33779 \u2192 53 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=2044906138 TSecr=0 WS=128');
  });

  it('writes a second timestamps option, and Urg=, as text in place', () => {
    const cols = new Columns();
    const t = TransportInfoText.begin(cols, 1, 2)!;
    t.header('URG, ACK', 5, 7, 100);
    t.urgent(3);
    t.length(4);
    t.timestamps(1, 2);
    t.timestamps(3, 4);
    expect(cols.info).toBe('1 \u2192 2 [URG, ACK] Seq=5 Ack=7 Win=100 Urg=3 Len=4 TSval=1 TSecr=2 TSval=3 TSecr=4');
  });

  it('puts TCP\'s checksum note between Win= and Urg=, as packet-tcp.c writes them', () => {
    const cols = new Columns();
    const t = TransportInfoText.begin(cols, 1, 2)!;
    t.header('URG, ACK', 5, 7, 100);
    t.checksum(' [TCP CHECKSUM INCORRECT]');
    t.urgent(3);
    t.length(4);
    expect(cols.info).toBe('1 \u2192 2 [URG, ACK] Seq=5 Ack=7 Win=100 [TCP CHECKSUM INCORRECT] Urg=3 Len=4');
  });

  it('puts parts set after another write into the column behind that write (UDP\'s bad length before Len=)', () => {
    const cols = new Columns();
    const t = TransportInfoText.begin(cols, 53, 1024)!;
    cols.appendInfo(' [BAD UDP LENGTH 4 < 8]');
    t.length(12);
    expect(cols.info).toBe('53 \u2192 1024 [BAD UDP LENGTH 4 < 8] Len=12');

    const tcp = new Columns();
    const s = TransportInfoText.begin(tcp, 80, 1234)!;
    tcp.setFence();
    s.header('ACK', 1, 1, 512);
    s.length(0);
    s.timestamps(9, 8);
    expect(tcp.info).toBe('80 \u2192 1234 [ACK] Seq=1 Ack=1 Win=512 Len=0 TSval=9 TSecr=8');
    // Written after the fence, so a later clear drops them.
    tcp.clearInfo();
    expect(tcp.info).toBe('80 \u2192 1234');
  });

  it('is null, and writes nothing, when the column is not writable', () => {
    const cols = new Columns();
    cols.writable = false;
    expect(TransportInfoText.begin(cols, 1, 2)).toBeNull();
    cols.writable = true;
    expect(cols.info).toBe('');
  });
});
