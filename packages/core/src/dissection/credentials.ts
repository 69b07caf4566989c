/** The tap every protocol with cleartext logins reports to (-z credentials, the TUI's credentials view). */
export const CREDENTIALS_TAP = 'credentials';

/** One cleartext credential seen in the capture. */
export interface CredentialRecord {
  /** Frame that carried the password (or the whole credential). */
  readonly frame: number;
  /** "FTP", "SMTP", "POP3", "IMAP", "HTTP". */
  readonly protocol: string;
  /** How it was sent: "USER/PASS", "AUTH PLAIN", "AUTH LOGIN", "AUTH CRAM-MD5", "APOP", "LOGIN", "AUTHENTICATE PLAIN", "Basic". */
  readonly method: string;
  readonly client: string;
  readonly server: string;
  readonly username: string;
  /** Cleartext password, or a digest for challenge/response methods (APOP, CRAM-MD5). */
  readonly password: string;
  /** tcp.stream of the connection. */
  readonly stream: number;
  /**
   * Whether the server accepted it: true/false once its reply is seen, null
   * while unknown. Dissectors set it on the same record object when the
   * reply arrives, so listeners keep the record and read it at the end.
   */
  accepted: boolean | null;
}
