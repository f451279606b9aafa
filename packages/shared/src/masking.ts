/**
 * Masking of personal data for everyone but admin, in JSON and in every export (PRODUCT §5). The one place
 * that knows how: phone 13812348000 → 138****8000, email → z***@example.com, name 张三丰 → 张**.
 */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const digits = phone.replace(/\s+/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export function maskEmail(email: string | null): string | null {
  if (!email) return email;
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

export function maskName(name: string | null): string | null {
  if (!name) return name;
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

export type PersonalFields = { phone: string | null; email: string | null; name: string | null };

export function maskPersonal<T extends PersonalFields>(row: T): T {
  return { ...row, phone: maskPhone(row.phone), email: maskEmail(row.email), name: maskName(row.name) };
}
