import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** fixtures/robustness/: crafted captures and what tshark printed for them (record-tshark-goldens.ts). */
export const ROBUSTNESS_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'robustness');

/** The -T fields columns compared with tshark on the terminal-escape capture: every place the escapes land. */
export const TERMINAL_ESCAPE_FIELDS = [
  'frame.number', '_ws.col.Info', 'http.request.uri', 'http.user_agent', 'http.request.line', 'http.response.line', 'http.unknown_header',
  'imf.subject', 'smtp.req.parameter', 'ftp.request.command', 'ftp.request.arg', 'ftp.response.arg',
];
