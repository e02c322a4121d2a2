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
      counties {
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
  }
`);

export const FOOD_HEAT_QUERY = graphql(`
  query FoodHeat($filter: CaseFilter!) {
    metrics(filter: $filter, groupBy: [COUNTY, MONTH], indicatorIds: ["received"]) {
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
