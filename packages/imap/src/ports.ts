/** The IANA port of IMAP over TCP. */
export const IMAP_TCP_PORT = 143;
