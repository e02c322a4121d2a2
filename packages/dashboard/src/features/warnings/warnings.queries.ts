import { graphql } from '../../gql';

export const WARNING_NOTICE_FIELDS = graphql(`
  fragment WarningNoticeFields on ConsumerWarningNotice {
    id
    month
    regionCode
    regionName
    title
    text
    status
    ruleVersion
    author
    updatedAt
    publishedAt
    publishedBy
  }
`);

export const RISE_FIELDS = graphql(`
  fragment RiseFields on RiseWarning {
    dimension
    code
    label
    count
    trailingSum
    trailingBaseline
    lastYearCount
    lastYearTrailingSum
    seasonalBaseline
    baseline
    threshold
    ratio
  }
`);

/** The month's rises with the rule, the draft text and the month's drafts and published warnings (schema `consumerWarnings`). */
export const CONSUMER_WARNINGS_QUERY = graphql(`
  query ConsumerWarnings($month: String!, $regionCode: String) {
    consumerWarnings(month: $month, regionCode: $regionCode) {
      month
      regionCode
      regionName
      rule {
        version
        minCount
        ratio
        baselineMonths
        seasonal
        maxPerDimension
        description
      }
      rises {
        ...RiseFields
      }
      seasonal {
        ...RiseFields
      }
      draftTitle
      draftText
      notices {
        ...WarningNoticeFields
      }
    }
  }
`);

/** Published warnings concerning the user's region, newest first; with `month`, that month's (the monthly report). */
export const PUBLISHED_WARNINGS_QUERY = graphql(`
  query PublishedWarnings($month: String) {
    publishedConsumerWarnings(month: $month) {
      ...WarningNoticeFields
    }
  }
`);

export const SAVE_WARNING_MUTATION = graphql(`
  mutation SaveConsumerWarning($input: ConsumerWarningInput!) {
    saveConsumerWarning(input: $input) {
      ...WarningNoticeFields
    }
  }
`);

/** The header badge: subscribed or not, and how many warnings are new. */
export const WARNING_SUBSCRIPTION_QUERY = graphql(`
  query WarningSubscription {
    warningSubscription {
      subscribed
      regionCode
      unseenCount
    }
  }
`);

export const SET_WARNING_SUBSCRIPTION_MUTATION = graphql(`
  mutation SetWarningSubscription($subscribed: Boolean!) {
    setWarningSubscription(subscribed: $subscribed) {
      subscribed
      regionCode
      unseenCount
    }
  }
`);

export const MARK_WARNINGS_SEEN_MUTATION = graphql(`
  mutation MarkWarningsSeen {
    markWarningsSeen {
      subscribed
      regionCode
      unseenCount
    }
  }
`);
