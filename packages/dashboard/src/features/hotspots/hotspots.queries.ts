import { graphql } from '../../gql';

export const HOTSPOTS_QUERY = graphql(`
  query FoodHotspots($month: String!, $regionCode: String, $top: Int) {
    foodSafetyHotspots(month: $month, regionCode: $regionCode, top: $top) {
      month
      regionCode
      operators {
        operatorKey
        operatorName
        uscc
        count
        previousCount
        baseline
        spike
      }
      industries {
        ...MetricRowFields
      }
      counties {
        ...MetricRowFields
      }
    }
  }
`);

export const FOOD_HEAT_QUERY = graphql(`
  query FoodHeat($filter: CaseFilter!) {
    metrics(filter: $filter, groupBy: [COUNTY, MONTH], indicatorIds: ["received"]) {
      ...MetricRowFields
    }
  }
`);
