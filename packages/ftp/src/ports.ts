/** The control connection's well-known port. */
export const FTP_PORT = 21;
/** Active-mode data connections come from this port; it is FTP-DATA even when no PORT was seen. */
export const FTP_DATA_PORT = 20;
