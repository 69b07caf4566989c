/** The IANA port of IMAP over TCP. */
export const IMAP_TCP_PORT = 143;

/** Server ports IMAP is registered on: a payload sent to one of them is a request. */
const serverPorts = new Set<number>([IMAP_TCP_PORT]);

export function addServerPort(port: number): void {
  serverPorts.add(port);
}

/** Wireshark's `pinfo->match_uint == pinfo->destport`: the client talks to the port IMAP was found by. */
export function isServerPort(port: number): boolean {
  return serverPorts.has(port);
}
