import { graphql } from '../../gql';

/** The header badge's count (schema.graphql `unreadNoticeCount`, CITY_CHIEF). */
export const UNREAD_NOTICE_COUNT_QUERY = graphql(`
  query UnreadNoticeCount {
    unreadNoticeCount
  }
`);

/** What the inbox and the opened 通报 show of a delivery. */
export const NOTICE_ITEM_FIELDS = graphql(`
  fragment NoticeItemFields on NoticeInboxItem {
    id
    month
    parent {
      code
      name
    }
    recipient {
      code
      name
    }
    deliveredAt
    read
    signedAt
    signedBy
    pdfPath
    docxPath
  }
`);

export const NOTICE_INBOX_QUERY = graphql(`
  query NoticeInbox {
    noticeInbox {
      ...NoticeItemFields
    }
  }
`);

/** Opening a 通报 signs for it (签收); the first signature stands. */
export const SIGN_NOTICE_MUTATION = graphql(`
  mutation SignNotice($id: ID!) {
    signNotice(id: $id) {
      ...NoticeItemFields
    }
  }
`);

export const NOTICE_RECEIPTS_QUERY = graphql(`
  query NoticeReceipts($month: String!, $parentCode: String) {
    noticeReceipts(month: $month, parentCode: $parentCode) {
      month
      published
      signedCount
      rows {
        recipient {
          code
          name
        }
        signed
        signedAt
        signedBy
        mailStatus
        mailError
      }
    }
  }
`);
