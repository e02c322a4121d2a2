/**
 * Closed value sets of the case export (contract: case-export.md §Columns). Every enumerated column is checked
 * against these lists; a value outside its list rejects the row.
 */
import type { CaseKind } from '../types';

export const CHANNELS = [
  '12315热线',
  '全国12315平台',
  '微信',
  '支付宝',
  'APP',
  '来信',
  '来访',
  '传真',
  '电子邮件',
  '12345转办',
  '其他部门转办',
  '监管人员录入',
] as const;

export const ENTITY_TYPES = ['内资企业', '外商投资企业', '个体工商户', '农民专业合作社', '其他'] as const;

export const COMPLAINT_PROBLEM_CATEGORIES = [
  '质量',
  '售后服务',
  '合同',
  '食品安全',
  '价格',
  '广告',
  '不正当竞争',
  '商标',
  '计量',
  '安全',
  '认证认可',
  '人身权利',
  '检验检测',
  '标准',
  '专利',
  '特种设备',
  '其他',
] as const;

export const REPORT_PROBLEM_CATEGORIES = [
  '广告违法行为',
  '侵害消费者权益行为',
  '食品安全违法行为',
  '价格违法行为',
  '不正当竞争行为',
  '无照经营',
  '其他违法行为',
] as const;

/** Object category (客体类别) level 2 by level 1; a path is `L1-L2[-L3]` with a free L3. */
export const OBJECT_CATEGORY_L2: Record<'商品' | '服务', readonly string[]> = {
  商品: [
    '食品',
    '烟、酒、饮料',
    '服装鞋帽',
    '家居用品',
    '儿童用品',
    '交通工具',
    '化妆品',
    '家用电器',
    '药品',
    '医疗器械',
    '首饰',
    '装修建材',
    '通讯产品',
    '其他商品',
  ],
  服务: [
    '餐饮和住宿服务',
    '文化、娱乐、体育服务',
    '美容、美发、洗浴服务',
    '教育、培训服务',
    '销售服务',
    '制作、保养和修理服务',
    '停车服务',
    '金融服务',
    '电信服务',
    '互联网服务',
    '旅游服务',
    '房屋装修及物业服务',
    '其他服务',
  ],
};

export const REJECTION_REASONS = [
  '不属于职责范围',
  '已由其他机构处理',
  '非生活消费',
  '超过三年',
  '材料不全',
  '身份核验不通过',
  '其他',
] as const;

/** 终止调解 outcomes: with 调解成功 they form the mediation_success_rate denominator (indicators.md §4). */
export const MEDIATION_TERMINATED_OUTCOMES = [
  '终止调解-撤回或自行和解',
  '终止调解-检测鉴定无法达成一致',
  '终止调解-拒绝调解',
  '终止调解-无法达成协议',
  '终止调解-超过期限',
  '终止调解-不符合受理条件',
  '终止调解-主体灭失',
  '终止调解-其他',
] as const;

export const MEDIATION_SUCCESS_OUTCOME = '调解成功';

/** Allowed 办结结果 per kind (consistency rule 4). */
export const OUTCOMES_BY_KIND: Record<CaseKind, readonly string[]> = {
  COMPLAINT: [MEDIATION_SUCCESS_OUTCOME, ...MEDIATION_TERMINATED_OUTCOMES, 'ODR先行和解', '不予受理', '移送'],
  REPORT: ['立案', '不予立案', '移送有管辖权机关', '移送司法机关', '重复举报不予处理', '并案处理'],
  CONSULTATION: ['已答复'],
  SUGGESTION: ['已答复'],
};

/** Problem categories per kind; consultations and suggestions may carry either list. */
export const PROBLEM_CATEGORIES_BY_KIND: Record<CaseKind, readonly string[]> = {
  COMPLAINT: COMPLAINT_PROBLEM_CATEGORIES,
  REPORT: REPORT_PROBLEM_CATEGORIES,
  CONSULTATION: [...COMPLAINT_PROBLEM_CATEGORIES, ...REPORT_PROBLEM_CATEGORIES],
  SUGGESTION: [...COMPLAINT_PROBLEM_CATEGORIES, ...REPORT_PROBLEM_CATEGORIES],
};

/** Is `path` a valid 客体类别 (`L1-L2[-L3]`)? L2 names contain no `-`, so the split is unambiguous. */
export function isValidObjectCategory(path: string): boolean {
  const parts = path.split('-');
  if (parts.length < 2 || parts.length > 3) return false;
  const [l1, l2, l3] = parts;
  if (l1 !== '商品' && l1 !== '服务') return false;
  if (!OBJECT_CATEGORY_L2[l1].includes(l2 ?? '')) return false;
  return l3 === undefined || l3.trim().length > 0;
}
