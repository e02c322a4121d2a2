/** A 通报 document: the content of the month under the parent, and the unit whose own page is appended (if any). */
import { badUserInput } from '../common/errors';
import type { NoticeContent, NoticeDocument } from './notice.model';
import { buildNoticeContent, type NoticeDeps, type NoticeRequest } from './notice-content.service';

/** `unitCode` must be one of the ranked units (BAD_USER_INPUT naming `city` otherwise). */
export function withUnitPage(content: NoticeContent, unitCode: string | undefined): NoticeDocument {
  if (unitCode === undefined) return { content };
  if (!content.units.some((u) => u.code === unitCode))
    throw badUserInput('city', `${JSON.stringify(unitCode)} is not one of the units ranked under ${content.parentCode}`);
  return { content, unitCode };
}

export async function noticeDocument(
  deps: NoticeDeps & { today?: string },
  req: NoticeRequest & { city?: string },
): Promise<NoticeDocument> {
  return withUnitPage(await buildNoticeContent(deps, req, deps.today), req.city);
}
