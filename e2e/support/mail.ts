import { e2eMailDir } from "../../tests/harness/e2e-mail-dir";
import { waitForMail, type SinkMail } from "../../tests/harness/smtp-sink";

/** Mail the e2e console sent, read from its SMTP sink's folder (see tests/harness/e2e-server.ts). */
export function waitForE2eMail(predicate: (m: SinkMail) => boolean): Promise<SinkMail> {
  return waitForMail(e2eMailDir(process.env.E2E_PORT ?? "3917"), predicate);
}
