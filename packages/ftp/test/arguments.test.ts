import { parseEprt, parseEpsvReply, parseHostPort } from '@netdissect/ftp';
import { describe, expect, it } from 'vitest';

const text = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));

describe('PORT / 227 address and port', () => {
  it('finds six numbers wherever they are, with or without parentheses', () => {
    expect(parseHostPort(text('Entering Passive Mode (199,233,217,249,221,90)'))).toEqual({
      ip: 0xc7e9d9f9,
      port: 56666,
      offset: 23,
      ipLength: 15,
      portLength: 6,
    });
    expect(parseHostPort(text('Entering passive mode. 127,0,0,1,4,51'))?.port).toBe(1075);
    // A number before the address is skipped.
    expect(parseHostPort(text('Data 2 listen to 10,0,0,1,0,21'))).toMatchObject({ ip: 0x0a000001, port: 21, offset: 17 });
  });

  it('keeps only the low byte of each port number, as Wireshark does', () => {
    expect(parseHostPort(text('1,2,3,4,257,258'))?.port).toBe(0x0102);
  });

  it('gives up on fewer than six numbers or text after a NUL', () => {
    expect(parseHostPort(text('1,2,3,4,5'))).toBeNull();
    expect(parseHostPort(text('no numbers'))).toBeNull();
    expect(parseHostPort(text('1,2,3\u00004,5,6'))).toBeNull();
  });
});

describe('EPRT argument', () => {
  it('accepts IPv4 and IPv6 with any valid delimiter', () => {
    expect(parseEprt(text('|1|132.235.1.2|6275|'))).toEqual({ family: 1, address: 0x84eb0102, addressLength: 11, port: 6275, portLength: 4 });
    const v6 = parseEprt(text('!2!1080::8:800:200C:417A!5282!'));
    expect(v6?.port).toBe(5282);
    expect(Buffer.from(v6!.address as Uint8Array).toString('hex')).toBe('108000000000000000080800200c417a');
    expect(Buffer.from(parseEprt(text('|2|::ffff:1.2.3.4|1|'))!.address as Uint8Array).toString('hex')).toBe('00000000000000000000ffff01020304');
  });

  it('refuses what inet_pton or the field rules refuse', () => {
    for (const bad of ['|1|01.2.3.4|1|', '|1|1.2.3|1|', '|3|1.2.3.4|1|', '|1|1.2.3.4|70000|', '||1.2.3.4|1|', '1|1.2.3.4|1|', 'a1a1.2.3.4a1a', '|2|1::2::3|1|', '|1|1.2.3.4|+1|']) {
      expect(parseEprt(text(bad)), bad).toBeNull();
    }
  });
});

describe('229 reply', () => {
  it('reads the port after up to three delimiters', () => {
    expect(parseEpsvReply(text('Entering Extended Passive Mode (|||6446|)'))).toEqual({ port: 6446, offset: 35, portLength: 4 });
  });

  it('is as lenient as Wireshark', () => {
    // No delimiters at all.
    expect(parseEpsvReply(text('Mode (5002)'))).toMatchObject({ port: 5002, portLength: 3 });
    // Too large but cut off by the delimiter: the maximum.
    expect(parseEpsvReply(text('(|||70000|)'))?.port).toBe(65535);
  });

  it('needs an opening and a closing parenthesis and a number', () => {
    expect(parseEpsvReply(text('|||6446|'))).toBeNull();
    expect(parseEpsvReply(text('(|||6446|'))).toBeNull();
    expect(parseEpsvReply(text('(|||x|)'))).toBeNull();
  });
});
