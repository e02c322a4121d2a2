import { graphql } from '../../gql';

export const CASE_QUERY = graphql(`
  query CaseDetail($caseId: ID!) {
    case(caseId: $caseId) {
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
      channel
      industryCode
      acceptance
      outcome
      foodRelated
      acceptanceDue
      closingDue
      verificationDue
      supervisions {
        id
        createdAt
        deadline
        note
        role
        supervisedBy
      }
    }
  }
`);

export const SUPERVISE_MUTATION = graphql(`
  mutation SuperviseCase($caseId: ID!, $note: String!, $deadline: Date!) {
    superviseCase(caseId: $caseId, note: $note, deadline: $deadline) {
      id
      caseId
      createdAt
      deadline
      note
      role
      supervisedBy
    }
  }
`);
