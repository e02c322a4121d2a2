import { graphql } from '../../gql';

/** The 12 months of the report list, newest first (schema.graphql `reports`; default: the last complete month). */
export const REPORTS_QUERY = graphql(`
  query Reports($through: String) {
    reports(through: $through) {
      month
      published
      publishedAt
      dueDatesProvisional
    }
  }
`);

export const REPORT_CITY_METRICS_QUERY = graphql(`
  query ReportCityMetrics($filter: CaseFilter!) {
    cities: metrics(filter: $filter, groupBy: [CITY], indicatorIds: ["received", "complaints", "reports", "overdue_open"]) {
      ...MetricRowFields
    }
    problems: metrics(filter: $filter, groupBy: [CITY, PROBLEM_CATEGORY], indicatorIds: ["received"]) {
      ...MetricRowFields
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
