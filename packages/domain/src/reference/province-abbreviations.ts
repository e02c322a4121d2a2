/**
 * The one-character abbreviations (简称) of the provincial-level divisions, by the GB/T 2260 code's first two digits,
 * as bureaus write them in a 发文字号 (晋市监, 甘市监 …; GB/T 9704-2012 §7.2.4 "发文机关代字").
 */
const PROVINCE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  '11': '京',
  '12': '津',
  '13': '冀',
  '14': '晋',
  '15': '蒙',
  '21': '辽',
  '22': '吉',
  '23': '黑',
  '31': '沪',
  '32': '苏',
  '33': '浙',
  '34': '皖',
  '35': '闽',
  '36': '赣',
  '37': '鲁',
  '41': '豫',
  '42': '鄂',
  '43': '湘',
  '44': '粤',
  '45': '桂',
  '46': '琼',
  '50': '渝',
  '51': '川',
  '52': '黔',
  '53': '滇',
  '54': '藏',
  '61': '陕',
  '62': '甘',
  '63': '青',
  '64': '宁',
  '65': '新',
  '71': '台',
  '81': '港',
  '82': '澳',
};

/** The abbreviation of the province a region code lies in (undefined for an unknown prefix). */
export function provinceAbbreviation(code: string): string | undefined {
  return PROVINCE_ABBREVIATIONS[code.slice(0, 2)];
}
