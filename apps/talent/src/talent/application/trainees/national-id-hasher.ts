import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ID_HASH_SECRET } from '../../talent.tokens';

/**
 * HMAC-SHA256 of a normalised national id number under the service's secret:
 * the same person always gives the same hash (one trainee record across
 * programs), and without the secret a leaked table cannot be matched against
 * the small space of valid numbers.
 */
@Injectable()
export class NationalIdHasher {
  constructor(@Inject(ID_HASH_SECRET) private readonly secret: string) {}

  hash(normalisedNumber: string): string {
    return createHmac('sha256', this.secret).update(normalisedNumber, 'utf8').digest('hex');
  }
}
