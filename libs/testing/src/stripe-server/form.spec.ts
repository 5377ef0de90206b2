import { parseStripeForm } from './form';

describe(parseStripeForm.name, () => {
  it.each([
    ['amount=1999&currency=eur', { amount: '1999', currency: 'eur' }],
    ['metadata[payment_id]=pay_1&metadata[invoice_id]=inv_1', { metadata: { payment_id: 'pay_1', invoice_id: 'inv_1' } }],
    ['metadata%5Bpayment_id%5D=pay_1', { metadata: { payment_id: 'pay_1' } }],
    ['payment_method_types[0]=card&payment_method_types[1]=sepa_debit', { payment_method_types: ['card', 'sepa_debit'] }],
    ['expand[]=latest_charge&expand[]=customer', { expand: ['latest_charge', 'customer'] }],
    [
      'automatic_payment_methods[enabled]=true&automatic_payment_methods[allow_redirects]=never',
      { automatic_payment_methods: { enabled: 'true', allow_redirects: 'never' } },
    ],
    ['name=Acme%20%26%20Sons&email=a%2Bb%40acme.test', { name: 'Acme & Sons', email: 'a+b@acme.test' }],
    ["query=metadata%5B'payment_id'%5D%3A'pay_1'", { query: "metadata['payment_id']:'pay_1'" }],
    ['', {}],
  ])('%s', (encoded, expected) => {
    expect(parseStripeForm(encoded)).toEqual(expected);
  });
});
