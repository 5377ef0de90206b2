import { newWebhookSecret } from './secrets';
import { signatureHeader, webhookHeaders } from './signatures';

// The example of the Standard Webhooks spec (and Svix's documentation).
const SPEC_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SPEC_ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const SPEC_TIMESTAMP = 1614265330;
const SPEC_BODY = '{"test": 2432232314}';
const SPEC_SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

describe(signatureHeader.name, () => {
  it("signs the spec's example as the spec says", () => {
    expect(signatureHeader(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, [SPEC_SECRET])).toBe(SPEC_SIGNATURE);
  });

  it('lists one signature per secret, separated by spaces, in the order given', () => {
    const other = newWebhookSecret();
    const header = signatureHeader(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, [other, SPEC_SECRET]);
    expect(header.split(' ')).toEqual([signatureHeader(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, [other]), SPEC_SIGNATURE]);
  });

  it.each<[string, string, number, string]>([
    ['id', 'msg_other', SPEC_TIMESTAMP, SPEC_BODY],
    ['timestamp', SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY],
    ['body', SPEC_ID, SPEC_TIMESTAMP, '{"test": 2432232315}'],
  ])('changes with the %s', (_, id, timestamp, body) => {
    expect(signatureHeader(id, timestamp, body, [SPEC_SECRET])).not.toBe(SPEC_SIGNATURE);
  });

  it('refuses to sign without a secret or with a fractional timestamp', () => {
    expect(() => signatureHeader(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, [])).toThrow(/at least one secret/);
    expect(() => signatureHeader(SPEC_ID, 1614265330.5, SPEC_BODY, [SPEC_SECRET])).toThrow(/whole seconds/);
  });
});

describe(webhookHeaders.name, () => {
  it("carries the id, the attempt's time in whole seconds and the signature of both", () => {
    expect(webhookHeaders(SPEC_ID, new Date(SPEC_TIMESTAMP * 1000 + 999), SPEC_BODY, [SPEC_SECRET])).toEqual({
      'webhook-id': SPEC_ID,
      'webhook-timestamp': '1614265330',
      'webhook-signature': SPEC_SIGNATURE,
    });
  });
});
