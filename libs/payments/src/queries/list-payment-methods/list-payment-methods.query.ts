import { Query } from '@nestjs/cqrs';
import type { PaymentMethodView } from '../payment-method.view';

/** An account's attached payment methods, newest first (a handful: not paginated). */
export class ListPaymentMethodsQuery extends Query<{ data: PaymentMethodView[] }> {
  constructor(readonly accountId: string) {
    super();
  }
}
