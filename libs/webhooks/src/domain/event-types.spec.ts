import type { FieldError } from '@billing/kernel';
import { acceptsEventType, eventTypeFilterErrors } from './event-types';

const KNOWN = ['invoice.paid', 'account.created', 'invoice.created'];

describe(eventTypeFilterErrors.name, () => {
  it.each<[string, string[], FieldError[]]>([
    ['every type', ['*'], []],
    ['a list of known types', ['invoice.paid', 'account.created'], []],
    ['one known type', ['invoice.created'], []],
    [
      'an unknown type, named with the known ones',
      ['invoice.paid', 'invoice.payed'],
      [
        {
          field: 'event_types[1]',
          message: 'unknown event type "invoice.payed"; the types are account.created, invoice.created, invoice.paid',
        },
      ],
    ],
    ['an empty list', [], [{ field: 'event_types', message: 'must list at least one event type, or be ["*"] for all of them' }]],
    ['"*" with others', ['invoice.paid', '*'], [{ field: 'event_types[1]', message: '"*" already takes every type: it must be alone' }]],
    ['a type twice', ['invoice.paid', 'invoice.paid'], [{ field: 'event_types[1]', message: '"invoice.paid" is listed twice' }]],
    ['a prefix pattern (not supported)', ['invoice.*'], [expect.objectContaining({ field: 'event_types[0]' }) as FieldError]],
    ['a case variant', ['Invoice.Paid'], [expect.objectContaining({ field: 'event_types[0]' }) as FieldError]],
  ])('%s', (_, eventTypes, errors) => {
    expect(eventTypeFilterErrors(eventTypes, KNOWN)).toEqual(errors);
  });

  it('names the field it is given', () => {
    expect(eventTypeFilterErrors(['nope'], KNOWN, 'filter')).toEqual([expect.objectContaining({ field: 'filter[0]' })]);
  });
});

describe(acceptsEventType.name, () => {
  it.each<[string[], string, boolean]>([
    [['*'], 'invoice.paid', true],
    [['*'], 'a.type.added.later', true],
    [['invoice.paid', 'account.created'], 'account.created', true],
    [['invoice.paid'], 'invoice.created', false],
  ])('%p takes %s: %p', (eventTypes, type, expected) => {
    expect(acceptsEventType(eventTypes, type)).toBe(expected);
  });
});
