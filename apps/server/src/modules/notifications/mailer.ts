import nodemailer from "nodemailer";

export type Mail = { to: string[]; subject: string; text: string };
export type Mailer = { send(mail: Mail): Promise<void> };

/** Email goes out only when SMTP is configured; otherwise reminders stay in the app. */
export function createMailer(smtpUrl: string | undefined, from: string): Mailer | null {
  if (!smtpUrl) return null;
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}
