import { graphql } from '../../gql';

/** The whole wall view in one request (api `screen`: every panel is an existing field's answer). */
export const SCREEN_QUERY = graphql(`
  query Screen($regionCode: String, $date: Date) {
    screen(regionCode: $regionCode, date: $date) {
      regionCode
      regionName
      date
      month
      unitLevel
      unitRegions {
        code
        name
      }
      intake {
        date
        sameDayLastMonth
        today
        todayLastMonth
        monthToDate
        lastMonthToDate
      }
      unitIntake {
        ...MetricRowFields
      }
      unitStanding {
        ...MetricRowFields
      }
      ranking {
        month
        parentCode
        published
        rows {
          region {
            code
            name
          }
          rank
          score
          noScore
        }
      }
      hotspots {
        month
        operators {
          operatorKey
          operatorName
          count
          previousCount
          spike
        }
        industries {
          ...MetricRowFields
        }
      }
      channels {
        ...MetricRowFields
      }
      kinds {
        ...MetricRowFields
      }
    }
  }
`);
