import { graphql } from '../../gql';

export const RANKING_QUERY = graphql(`
  query Ranking($month: String!, $level: RegionLevel, $parentCode: String) {
    ranking(month: $month, level: $level, parentCode: $parentCode) {
      month
      level
      unitLevel
      parentCode
      asOf
      configVersion
      published
      publishedAt
      dataMonths
      latestDataMonth
      rows {
        region {
          code
          name
          level
        }
        rank
        previousRank
        score
        noScore
        values {
          indicatorId
          value
          points
          numerator
          denominator
        }
        movement {
          indicatorId
          points
          previousPoints
          pointsDelta
        }
      }
      redList {
        regionCodes
        tieAtCut
      }
      blackList {
        regionCodes
        tieAtCut
      }
      totals {
        indicatorId
        value
        numerator
        denominator
      }
    }
  }
`);

/** Only the score and rank of each unit: the 12-month trend of the breakdown page. */
export const RANKING_TREND_QUERY = graphql(`
  query RankingTrend($month: String!, $level: RegionLevel, $parentCode: String) {
    ranking(month: $month, level: $level, parentCode: $parentCode) {
      month
      published
      rows {
        region {
          code
        }
        rank
        score
      }
    }
  }
`);

export const RANKING_CONFIG_QUERY = graphql(`
  query RankingConfig {
    rankingConfig {
      version
      indicators {
        id
        weight
        floor
        target
      }
    }
  }
`);

export const REGIONS_QUERY = graphql(`
  query Regions($parentCode: String, $level: RegionLevel) {
    regions(parentCode: $parentCode, level: $level) {
      code
      name
      level
      parentCode
    }
  }
`);
