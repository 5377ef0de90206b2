import { fontRuns } from './fonts';

describe(fontRuns.name, () => {
  it.each<[string, string, 'regular' | 'bold', [string, string][]]>([
    ['Latin, Greek and Cyrillic in Noto Sans', 'Łódź Αθήνα Москва', 'regular', [['NotoSans-Regular', 'Łódź Αθήνα Москва']]],
    [
      'ideographs and kana in Noto Sans CJK SC, Hangul in KR',
      'Acme / 株式会社テスト 서울',
      'bold',
      [
        ['NotoSans-Bold', 'Acme / '],
        ['NotoSansHans-Bold', '株式会社テスト'],
        ['NotoSans-Bold', ' '],
        ['NotoSansKR-Bold', '서울'],
      ],
    ],
    [
      'a line feed in the run it ends',
      '北京\nLine',
      'regular',
      [
        ['NotoSansHans-Regular', '北京\n'],
        ['NotoSans-Regular', 'Line'],
      ],
    ],
    ['a character no font has as U+FFFD, an invisible one dropped', 'Hi 🙂\ufe0f!', 'regular', [['NotoSans-Regular', 'Hi \ufffd!']]],
  ])('%s', (_, text, weight, expected) => {
    expect(fontRuns(text, weight).map(({ font, text: run }) => [font, run])).toEqual(expected);
  });
});
