import type { TFunction } from 'i18next';
import { ApiError } from './api-client';

/** The sentence to show for a failed request: the server's own message for 4xx, a localised one otherwise. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    switch (error.kind) {
      case 'server':
        return error.message;
      case 'http':
        return t('state.http', { status: error.status ?? 0 });
      case 'timeout':
        return t('state.timeout');
      case 'network':
        return t('state.network');
      case 'invalid':
        return t('state.invalid');
    }
  }
  return t('state.network');
}
