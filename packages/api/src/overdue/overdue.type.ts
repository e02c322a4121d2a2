/** GraphQL types of the overdue list and supervision (schema.graphql `OverdueCase`, `OverdueCaseConnection`). */
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CaseKindEnum, DateScalar, PageInfo, Role } from '../common/graphql-types';

export enum OverdueSortEnum {
  /** Most overdue first (default), then case id. */
  OVERDUE_WORKDAYS = 'OVERDUE_WORKDAYS',
  /** Earliest due date first, then case id. */
  DUE_DATE = 'DUE_DATE',
  /** Handling unit code, then most overdue first, then case id. */
  UNIT = 'UNIT',
}
export enum OverdueStageEnum {
  ACCEPTANCE = 'ACCEPTANCE',
  CLOSING = 'CLOSING',
  VERIFICATION = 'VERIFICATION',
}
registerEnumType(OverdueSortEnum, { name: 'OverdueSort' });
registerEnumType(OverdueStageEnum, { name: 'OverdueStage' });

@ObjectType('SupervisionAction', { description: '督办: a supervision action recorded on a case' })
export class SupervisionActionType {
  @Field(() => ID) id!: string;
  @Field(() => ID) caseId!: string;
  @Field(() => String) handlingUnitCode!: string;
  @Field(() => String, { description: 'username of the supervisor' }) supervisedBy!: string;
  @Field(() => Role) role!: Role;
  @Field(() => String, { description: 'YYYY-MM-DD HH:mm:ss, Asia/Shanghai' }) createdAt!: string;
  @Field(() => String) note!: string;
  @Field(() => DateScalar, { description: 'deadline given to the handling unit' }) deadline!: string;
}

// Repeated per row: plain data (graphql-types.ts Region); `supervisions` keeps its field resolver.
@ObjectType({ simpleResolvers: true })
export class OverdueCase {
  @Field(() => ID) caseId!: string;
  @Field(() => CaseKindEnum) kind!: CaseKindEnum;
  @Field(() => String) registeredAt!: string;
  @Field(() => String) handlingUnitCode!: string;
  @Field(() => String) handlingUnitName!: string;
  @Field(() => String, { nullable: true }) respondentName!: string | null;
  @Field(() => String, { description: 'ACCEPTANCE | CLOSING | VERIFICATION' }) stage!: string;
  @Field(() => DateScalar) dueDate!: string;
  @Field(() => Boolean, {
    description:
      'dueDate falls in a year whose working-day calendar is not published yet: weekends and the statutory holidays ' +
      'only (indicators.md §1); recomputed when the year is published',
  })
  dueDateProvisional!: boolean;
  @Field(() => Int, { description: 'working days in (dueDate, asOf]' }) overdueWorkdays!: number;
  @Field(() => String, { nullable: true }) objectCategory!: string | null;
  @Field(() => String, { nullable: true }) problemCategory!: string | null;
  // `supervisions` is a field resolver (overdue.resolver.ts), batched per request.
}

@ObjectType()
export class OverdueCaseConnection {
  @Field(() => Int) totalCount!: number;
  @Field(() => [OverdueCase]) nodes!: OverdueCase[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
