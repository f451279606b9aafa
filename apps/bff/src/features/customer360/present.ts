import type { IdentifierType, MemberInfo } from '@portrait/shared/customer360';
import type { CustomerSearchResult, SearchMatch } from '@portrait/shared/customer-search';
import { maskEmail, maskName, maskPersonal, maskPhone } from '@portrait/shared/masking';
import { seesPersonalData, type Viewer } from '../auth/viewer';

/** Phone, email and name masked for all but admin (PRODUCT §5): the one gate of every Customer 360 answer. */
export function presentMember(viewer: Viewer, info: MemberInfo): MemberInfo {
  return seesPersonalData(viewer) ? info : maskPersonal(info);
}

export function presentSearchResult(viewer: Viewer, row: CustomerSearchResult): CustomerSearchResult {
  return seesPersonalData(viewer) ? row : maskPersonal(row);
}

/** The identifier echoed back: a phone or email is personal data too. */
export function presentIdentifier(viewer: Viewer, type: IdentifierType, identifier: string): string {
  if (seesPersonalData(viewer)) return identifier;
  if (type === 'phone') return maskPhone(identifier) ?? '';
  if (type === 'email') return maskEmail(identifier) ?? '';
  return identifier;
}

/** The search query echoed back: a whole phone, an email or a name is masked like the results. */
export function presentSearchQuery(viewer: Viewer, match: SearchMatch, query: string): string {
  if (seesPersonalData(viewer)) return query;
  if (match === 'phone' && query.replace(/\D/g, '').length >= 7) return maskPhone(query) ?? '';
  if (match === 'email') return maskEmail(query) ?? '';
  if (match === 'name') return maskName(query) ?? '';
  return query;
}
