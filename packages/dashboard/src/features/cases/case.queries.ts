import { graphql } from '../../gql';

/** A 督办 action as the case page lists it (and as the mutation returns it, so the list can show it at once). */
export const SUPERVISION_FIELDS = graphql(`
  fragment SupervisionFields on SupervisionAction {
    id
    createdAt
    deadline
    note
    role
    supervisedBy
  }
`);

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
        ...SupervisionFields
      }
    }
  }
`);

export const SUPERVISE_MUTATION = graphql(`
  mutation SuperviseCase($caseId: ID!, $note: String!, $deadline: Date!) {
    superviseCase(caseId: $caseId, note: $note, deadline: $deadline) {
      caseId
      ...SupervisionFields
    }
  }
`);
