import { graphql } from '../../gql';

export const REPORT_STATUS_QUERY = graphql(`
  query ReportStatus($month: String!, $parentCode: String) {
    ranking(month: $month, level: CITY, parentCode: $parentCode) {
      month
      published
      publishedAt
    }
  }
`);

export const REPORT_CITY_METRICS_QUERY = graphql(`
  query ReportCityMetrics($filter: CaseFilter!) {
    cities: metrics(filter: $filter, groupBy: [CITY], indicatorIds: ["received", "complaints", "reports", "overdue_open"]) {
      keys {
        code
        label
      }
      values {
        indicatorId
        value
      }
    }
    problems: metrics(filter: $filter, groupBy: [CITY, PROBLEM_CATEGORY], indicatorIds: ["received"]) {
      keys {
        dimension
        code
        label
      }
      values {
        indicatorId
        value
      }
    }
  }
`);

export const PUBLISH_MUTATION = graphql(`
  mutation PublishRanking($month: String!, $parentCode: String) {
    publishRanking(month: $month, level: CITY, parentCode: $parentCode) {
      month
      published
      publishedAt
    }
  }
`);
