import nodemailer from "nodemailer";
import { err, ok, type Result } from "../lib/result.ts";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Why a message was not accepted; `retryable` unless the server refused it for good (5xx). */
export interface MailFailure {
  message: string;
  retryable: boolean;
}

/** Sends one plain-text message; answers the server's reply (e.g. "250 OK: queued as …"). */
export interface Mailer {
  send(message: MailMessage): Promise<Result<string, MailFailure>>;
}

/**
 * A Mailer over SMTP (`SMTP_URL`: smtp://user:pass@host:587, smtps:// for implicit TLS), from
 * `SMTP_FROM`. One transport per process; nodemailer opens a connection per message.
 */
export function smtpMailer(settings: { url: string; from: string }): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(settings.url);
  return {
    async send(message) {
      try {
        const info = await transport.sendMail({ from: settings.from, ...message });
        return ok(String(info.response));
      } catch (error) {
        const e = error as { message?: string; responseCode?: number };
        // A 5xx reply is permanent (bad recipient, refused sender); anything else may pass later.
        const permanent = typeof e.responseCode === "number" && e.responseCode >= 500;
        return err({ message: e.message ?? String(error), retryable: !permanent });
      }
    },
    close: () => transport.close(),
  };
}
