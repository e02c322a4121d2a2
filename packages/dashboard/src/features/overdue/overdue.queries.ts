import { graphql } from '../../gql';

export const OVERDUE_QUERY = graphql(`
  query OverdueCases(
    $asOf: Date
    $regionCode: String
    $sort: OverdueSort
    $stages: [OverdueStage!]
    $kinds: [CaseKind!]
    $first: Int
    $after: String
  ) {
    overdueCases(asOf: $asOf, regionCode: $regionCode, sort: $sort, stages: $stages, kinds: $kinds, first: $first, after: $after) {
      totalCount
      nodes {
        caseId
        kind
        registeredAt
        handlingUnitCode
        handlingUnitName
        respondentName
        stage
        dueDate
        dueDateProvisional
        overdueWorkdays
        objectCategory
        problemCategory
        supervisions {
          id
          createdAt
          deadline
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);
