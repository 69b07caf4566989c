/**
 * @netdissect/ftp: FTP control connections and the FTP-DATA connections
 * they announce (PORT, PASV, EPRT, EPSV), as Wireshark 4.0 dissects them.
 * Importing it registers both dissectors and the "ftp-data" export-objects
 * provider.
 */
import { defaultRegistry, registerExportObjects } from '@netdissect/core';
import { ftpDataDissector } from './dissect-ftp-data.js';
import { ftpDissector } from './dissect-ftp.js';
import { FTP_EO_TAP } from './ftp-transfer.js';
import { FTP_DATA_PORT, FTP_PORT } from './ports.js';

export { ftpDissector } from './dissect-ftp.js';
export { FTP_PORT, FTP_DATA_PORT } from './ports.js';
export { ftpDataDissector } from './dissect-ftp-data.js';
export { ftpFields, ftpDataFields, ftpExpert, hfFtp, hfFtpData } from './fields.js';
export { ftpResponseCodes } from './response-codes.js';
export { FTP_EO_TAP, FtpTransfer } from './ftp-transfer.js';
export { parseHostPort, type HostPort } from './port-argument.js';
export { parseEprt, parseEpsvReply, EprtFamily, type EprtArgument, type EpsvReply } from './rfc2428.js';
export type { SetupMethod } from './conversation-state.js';

defaultRegistry.addUint('tcp.port', FTP_PORT, ftpDissector);
defaultRegistry.addUint('tcp.port', FTP_DATA_PORT, ftpDataDissector);
registerExportObjects({ name: 'ftp-data', tap: FTP_EO_TAP, protocols: ['ftp-data'], growsUntilEnd: true });
