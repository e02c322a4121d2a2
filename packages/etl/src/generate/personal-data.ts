/**
 * Fake personal data for the personal-data columns (case-export.md §Files): masked the way platform exports mask
 * them (张某某, 138****0000), so nothing here identifies anyone. The ETL must drop these columns unread.
 */
import type { CaseKind } from '@c12315/domain';
import type { Rand } from './random';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕'.split('');
const PHONE_PREFIXES = [
  '130',
  '131',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '158',
  '159',
  '177',
  '180',
  '186',
  '187',
  '188',
  '189',
];

export interface PersonalColumns {
  投诉人姓名: string;
  举报人姓名: string;
  联系电话: string;
  身份证号: string;
  电子邮箱: string;
}

export function fakePersonalData(rand: Rand, kind: CaseKind, realName: boolean, regionCode: string): PersonalColumns {
  const name = `${rand.pick(SURNAMES)}${rand.chance(0.7) ? '某某' : '某'}`;
  const phone = `${rand.pick(PHONE_PREFIXES)}****${String(rand.int(0, 9999)).padStart(4, '0')}`;
  const withId = kind !== 'CONSULTATION' && kind !== 'SUGGESTION' && rand.chance(0.3);
  return {
    投诉人姓名: kind === 'COMPLAINT' ? name : '',
    举报人姓名: kind === 'REPORT' && realName ? name : '',
    联系电话: phone,
    身份证号: withId
      ? `${regionCode.slice(0, 6)}********${String(rand.int(0, 999)).padStart(3, '0')}${rand.chance(0.1) ? 'X' : rand.int(0, 9)}`
      : '',
    电子邮箱: rand.chance(0.04) ? `user${String(rand.int(0, 99)).padStart(2, '0')}****@example.com` : '',
  };
}

const DEMANDS = ['退款', '退货', '赔偿损失', '维修', '更换', '履行合同', '调查处理'];

/** 诉求摘要: a column the contract does not know (ignored and listed once by the ETL); no personal content. */
export function fakeSummary(rand: Rand, kind: CaseKind, object: string, problem: string): string {
  const what = object ? (object.split('-')[2] ?? object.split('-')[1] ?? '') : '';
  if (kind === 'CONSULTATION') return `咨询${what || '消费维权'}${problem ? `${problem}` : ''}相关规定`;
  if (kind === 'SUGGESTION') return `建议加强${what || '市场'}监管`;
  if (kind === 'REPORT') return `反映${what || '经营者'}存在${problem || '违法行为'}，请求查处`;
  return `${what || '消费'}${problem ? `${problem}问题` : '纠纷'}，要求${rand.pick(DEMANDS)}`;
}
