import nodemailer from 'nodemailer';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';

/** What a report e-mail needs from a mail server: one send. */
export type MailTransport = {
  from: string;
  send(message: {
    to: string[];
    subject: string;
    text: string;
    attachments: { filename: string; content: Buffer; contentType: string }[];
  }): Promise<void>;
};

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/**
 * SMTP_URL's server through nodemailer, or null without one. The sender is the URL's `from`
 * parameter, else reports@ the server's host; the URL (it holds the password) is never logged.
 */
export function smtpTransport(smtpUrl: string | undefined): MailTransport | null {
  if (!smtpUrl) return null;
  const url = new URL(smtpUrl);
  const from = url.searchParams.get('from') ?? `reports@${url.hostname}`;
  url.searchParams.delete('from');
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    // a local server without TLS (tests, a relay on localhost) must not be forced into STARTTLS
    ignoreTLS: url.searchParams.get('tls') === 'off',
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    from,
    send: async (m) => {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, attachments: m.attachments });
    },
  };
}

export const mailTransportProvider = {
  provide: MAIL_TRANSPORT,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => smtpTransport(config.mail.smtpUrl),
};
