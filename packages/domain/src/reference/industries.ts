/**
 * GB/T 4754-2017 国民经济行业分类: the 20 sections (门类) and 97 divisions (大类), and the parser of the export's
 * 行业分类 column (case-export.md §Columns: a section letter and/or 2–4 digits). Names as printed in GB/T 4754-2017;
 * amendment No. 1 (2019) changed classes only, no section or division name. Industry hotspots group by the
 * division (indicators.md §6), so classes (4 digits) are accepted but not checked beyond their division.
 */

export interface IndustrySection {
  code: string;
  nameZh: string;
}

export interface IndustryDivision {
  code: string;
  nameZh: string;
  section: string;
}

export const INDUSTRY_STANDARD = 'GB/T 4754-2017' as const;

export const INDUSTRY_SECTIONS: readonly IndustrySection[] = [
  { code: 'A', nameZh: '农、林、牧、渔业' },
  { code: 'B', nameZh: '采矿业' },
  { code: 'C', nameZh: '制造业' },
  { code: 'D', nameZh: '电力、热力、燃气及水生产和供应业' },
  { code: 'E', nameZh: '建筑业' },
  { code: 'F', nameZh: '批发和零售业' },
  { code: 'G', nameZh: '交通运输、仓储和邮政业' },
  { code: 'H', nameZh: '住宿和餐饮业' },
  { code: 'I', nameZh: '信息传输、软件和信息技术服务业' },
  { code: 'J', nameZh: '金融业' },
  { code: 'K', nameZh: '房地产业' },
  { code: 'L', nameZh: '租赁和商务服务业' },
  { code: 'M', nameZh: '科学研究和技术服务业' },
  { code: 'N', nameZh: '水利、环境和公共设施管理业' },
  { code: 'O', nameZh: '居民服务、修理和其他服务业' },
  { code: 'P', nameZh: '教育' },
  { code: 'Q', nameZh: '卫生和社会工作' },
  { code: 'R', nameZh: '文化、体育和娱乐业' },
  { code: 'S', nameZh: '公共管理、社会保障和社会组织' },
  { code: 'T', nameZh: '国际组织' },
];

/** Divisions by section, in code order: [section, first division code, names…]; codes run 01–97 without gaps. */
const DIVISIONS_BY_SECTION: ReadonlyArray<readonly [string, number, readonly string[]]> = [
  ['A', 1, ['农业', '林业', '畜牧业', '渔业', '农、林、牧、渔专业及辅助性活动']],
  [
    'B',
    6,
    [
      '煤炭开采和洗选业',
      '石油和天然气开采业',
      '黑色金属矿采选业',
      '有色金属矿采选业',
      '非金属矿采选业',
      '开采专业及辅助性活动',
      '其他采矿业',
    ],
  ],
  [
    'C',
    13,
    [
      '农副食品加工业',
      '食品制造业',
      '酒、饮料和精制茶制造业',
      '烟草制品业',
      '纺织业',
      '纺织服装、服饰业',
      '皮革、毛皮、羽毛及其制品和制鞋业',
      '木材加工和木、竹、藤、棕、草制品业',
      '家具制造业',
      '造纸和纸制品业',
      '印刷和记录媒介复制业',
      '文教、工美、体育和娱乐用品制造业',
      '石油、煤炭及其他燃料加工业',
      '化学原料和化学制品制造业',
      '医药制造业',
      '化学纤维制造业',
      '橡胶和塑料制品业',
      '非金属矿物制品业',
      '黑色金属冶炼和压延加工业',
      '有色金属冶炼和压延加工业',
      '金属制品业',
      '通用设备制造业',
      '专用设备制造业',
      '汽车制造业',
      '铁路、船舶、航空航天和其他运输设备制造业',
      '电气机械和器材制造业',
      '计算机、通信和其他电子设备制造业',
      '仪器仪表制造业',
      '其他制造业',
      '废弃资源综合利用业',
      '金属制品、机械和设备修理业',
    ],
  ],
  ['D', 44, ['电力、热力生产和供应业', '燃气生产和供应业', '水的生产和供应业']],
  ['E', 47, ['房屋建筑业', '土木工程建筑业', '建筑安装业', '建筑装饰、装修和其他建筑业']],
  ['F', 51, ['批发业', '零售业']],
  [
    'G',
    53,
    ['铁路运输业', '道路运输业', '水上运输业', '航空运输业', '管道运输业', '多式联运和运输代理业', '装卸搬运和仓储业', '邮政业'],
  ],
  ['H', 61, ['住宿业', '餐饮业']],
  ['I', 63, ['电信、广播电视和卫星传输服务', '互联网和相关服务', '软件和信息技术服务业']],
  ['J', 66, ['货币金融服务', '资本市场服务', '保险业', '其他金融业']],
  ['K', 70, ['房地产业']],
  ['L', 71, ['租赁业', '商务服务业']],
  ['M', 73, ['研究和试验发展', '专业技术服务业', '科技推广和应用服务业']],
  ['N', 76, ['水利管理业', '生态保护和环境治理业', '公共设施管理业', '土地管理业']],
  ['O', 80, ['居民服务业', '机动车、电子产品和日用产品修理业', '其他服务业']],
  ['P', 83, ['教育']],
  ['Q', 84, ['卫生', '社会工作']],
  ['R', 86, ['新闻和出版业', '广播、电视、电影和录音制作业', '文化艺术业', '体育', '娱乐业']],
  [
    'S',
    91,
    [
      '中国共产党机关',
      '国家机构',
      '人民政协、民主党派',
      '社会保障',
      '群众团体、社会团体和其他成员组织',
      '基层群众自治组织及其他组织',
    ],
  ],
  ['T', 97, ['国际组织']],
];

export const INDUSTRY_DIVISIONS: readonly IndustryDivision[] = DIVISIONS_BY_SECTION.flatMap(([section, first, names]) =>
  names.map((nameZh, i) => ({ code: String(first + i).padStart(2, '0'), nameZh, section })),
);

const DIVISION_BY_CODE = new Map(INDUSTRY_DIVISIONS.map((d) => [d.code, d]));
const SECTION_CODES = new Set(INDUSTRY_SECTIONS.map((s) => s.code));

export function industryDivisionName(code: string): string | undefined {
  return DIVISION_BY_CODE.get(code)?.nameZh;
}

export function industrySectionName(code: string): string | undefined {
  return INDUSTRY_SECTIONS.find((s) => s.code === code)?.nameZh;
}

export interface ParsedIndustryCode {
  /** The code as written, trimmed and uppercased. */
  code: string;
  /** Section letter, derived from the division when the code has none. */
  section: string;
  /** The 2-digit division, or null for a section-only code (left out of industry hotspots, indicators.md §6). */
  division: string | null;
}

/** Accepts `H`, `62`, `H62`, `6210`, `H6210`; null when malformed, the division unknown, or letter ≠ its section. */
export function parseIndustryCode(raw: string): ParsedIndustryCode | null {
  const code = raw.trim().toUpperCase();
  const match = /^([A-Z])?(\d{2,4})?$/.exec(code);
  if (match === null || code === '') return null;
  const [, letter, digits] = match;
  if (digits === undefined) {
    return letter !== undefined && SECTION_CODES.has(letter) ? { code, section: letter, division: null } : null;
  }
  const division = DIVISION_BY_CODE.get(digits.slice(0, 2));
  if (division === undefined) return null;
  if (letter !== undefined && letter !== division.section) return null;
  return { code, section: division.section, division: division.code };
}
