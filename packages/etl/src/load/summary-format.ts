import type { LoadSummary } from './file-loader';

/** The load summary of case-export.md §"What a load reports", in Chinese and English, for a terminal or a log. */
export function formatSummary(s: LoadSummary): string {
  const lines = [
    `文件 file: ${s.file} (${s.format}${s.encoding ? `, ${s.encoding}` : ''}) — 装载编号 load #${s.loadId}`,
    `  读取行数 rows read:            ${s.rowsRead}`,
    `  新增案件 cases inserted:       ${s.inserted}`,
    `  更新版本 replaced by newer:    ${s.replaced}`,
    `  未变化   unchanged:            ${s.unchanged}`,
    `  旧版本忽略 older ignored:      ${s.olderIgnored}`,
    `  拒绝行数 rejected:             ${s.rejected}`,
    `  警告     warnings:             ${s.warnings}`,
    `  版本冲突 conflicts:            ${s.conflicts}`,
    `  已删除个人信息列 personal-data columns dropped: ${s.droppedColumns.length ? s.droppedColumns.join('、') : '无 none'}`,
    `  未识别列 unknown columns:      ${s.unknownColumns.length ? s.unknownColumns.join('、') : '无 none'}`,
  ];
  if (s.rejectFile) lines.push(`  拒绝明细 reject file:          ${s.rejectFile}`);
  lines.push(`  读取模型 read model: ${s.readModelMonths} 个月已重建 months rebuilt in ${(s.readModelMs / 1000).toFixed(1)} s`);
  lines.push(`  用时 took ${(s.durationMs / 1000).toFixed(1)} s`);
  return lines.join('\n');
}
