import { graphql } from '../../gql';

export const DRILL_METRICS_QUERY = graphql(`
  query DrillMetrics($filter: CaseFilter!, $groupBy: [Dimension!]!, $indicatorIds: [ID!]!) {
    metrics(filter: $filter, groupBy: $groupBy, indicatorIds: $indicatorIds) {
      ...MetricRowFields
      values {
        numerator
        denominator
      }
    }
  }
`);

export const CASE_LIST_QUERY = graphql(`
  query CaseList($filter: CaseFilter!, $first: Int, $after: String) {
    cases(filter: $filter, first: $first, after: $after) {
      totalCount
      nodes {
        caseId
        kind
        registeredAt
        handlingUnitCode
        handlingUnitName
        respondentName
        status
        objectCategory
        problemCategory
        closedAt
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);
