import { graphql } from '../gql';

/** The cells of a `metrics` row that every table and chart reads: its group keys and each indicator's value. */
export const METRIC_ROW_FIELDS = graphql(`
  fragment MetricRowFields on MetricRow {
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
`);
