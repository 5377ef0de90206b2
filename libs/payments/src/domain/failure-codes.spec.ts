import { describeFailure, failureCodeOf, failureCodes } from './failure-codes';

describe(failureCodeOf.name, () => {
  it.each([
    [{ code: 'card_declined', declineCode: 'generic_decline' }, 'card_declined'],
    [{ code: 'card_declined', declineCode: 'insufficient_funds' }, 'insufficient_funds'],
    [{ code: 'card_declined', declineCode: 'do_not_honor' }, 'do_not_honor'],
    [{ code: 'expired_card', declineCode: 'expired_card' }, 'expired_card'],
    [{ code: 'authentication_required', declineCode: 'authentication_required' }, 'authentication_required'],
    [{ code: 'incorrect_cvc', declineCode: '' }, 'incorrect_cvc'],
    [{ code: null, declineCode: null }, 'card_declined'],
  ])('%o → %s', (error, expected) => {
    expect(failureCodeOf(error)).toBe(expected);
  });
});

describe(describeFailure.name, () => {
  it.each([
    ['insufficient_funds', { retry: true, action: 'none' }],
    ['card_declined', { retry: true, action: 'none' }],
    ['expired_card', { retry: false, action: 'update_payment_method' }],
    ['authentication_required', { retry: false, action: 'authenticate' }],
    ['stolen_card', { retry: false, action: 'update_payment_method' }],
    ['some_new_decline_code', { retry: true, action: 'none' }],
    ['toString', { retry: true, action: 'none' }],
  ])('%s: %o', (code, expected) => {
    expect(describeFailure(code)).toMatchObject(expected);
  });

  it('gives every known code a message', () => {
    for (const info of Object.values(failureCodes)) expect(info.message).toMatch(/\.$/);
  });
});
