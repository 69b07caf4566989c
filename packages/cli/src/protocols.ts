// The protocol packages the command ships with; importing them registers their dissectors.
import '@netdissect/core';
import '@netdissect/dns';
import '@netdissect/http';
import '@netdissect/ftp';
import '@netdissect/smtp';
import '@netdissect/pop3';
import '@netdissect/imap';
