/**
 * GraphQL types of the case list and the case detail (drill-down's last level and the case page). Not in the contract
 * schema: a project addition (issue "Dashboard" §Drill-down), built from the `cases` table columns.
 */
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CaseKindEnum, DateScalar, PageInfo } from '../common/graphql-types';

export enum CaseSortEnum {
  /** Newest registration first (default), then case id. */
  REGISTERED_DESC = 'REGISTERED_DESC',
  /** Oldest registration first, then case id. */
  REGISTERED_ASC = 'REGISTERED_ASC',
  /** Handling unit code, then newest registration first, then case id. */
  UNIT = 'UNIT',
}
registerEnumType(CaseSortEnum, { name: 'CaseSort' });

@ObjectType('Case', { description: 'One case, current version (case-export.md columns; due dates per indicators.md §2)' })
export class CaseType {
  @Field(() => ID) caseId!: string;
  @Field(() => CaseKindEnum) kind!: CaseKindEnum;
  @Field(() => String, { description: 'YYYY-MM-DD HH:mm:ss, Asia/Shanghai' }) registeredAt!: string;
  @Field(() => String) channel!: string;
  @Field(() => String) handlingUnitCode!: string;
  @Field(() => String) handlingUnitName!: string;
  @Field(() => String, { nullable: true }) respondentName!: string | null;
  @Field(() => String, { description: '待分派 · 待受理 · 处理中 · 已办结' }) status!: string;
  @Field(() => String, { nullable: true, description: '受理 · 不予受理 (complaints)' }) acceptance!: string | null;
  @Field(() => String, { nullable: true }) decidedAt!: string | null;
  @Field(() => String, { nullable: true }) closedAt!: string | null;
  @Field(() => String, { nullable: true }) outcome!: string | null;
  @Field(() => String, { nullable: true }) objectCategory!: string | null;
  @Field(() => String, { nullable: true }) problemCategory!: string | null;
  @Field(() => String, { nullable: true }) industryCode!: string | null;
  @Field(() => Boolean, { description: 'indicators.md §6' }) foodRelated!: boolean;
  @Field(() => DateScalar, { nullable: true }) acceptanceDue!: string | null;
  @Field(() => DateScalar, { nullable: true }) closingDue!: string | null;
  @Field(() => DateScalar, { nullable: true }) verificationDue!: string | null;
  @Field(() => Boolean, {
    description:
      'a due date (or the working days to closing) falls in a year whose working-day calendar is not published yet: ' +
      'weekends and the statutory holidays only (indicators.md §1); recomputed when the year is published',
  })
  dueDateProvisional!: boolean;
  // `supervisions` is a field resolver (cases.resolver.ts), batched per request with the overdue feature's loader.
}

@ObjectType()
export class CaseConnection {
  @Field(() => Int) totalCount!: number;
  @Field(() => [CaseType]) nodes!: CaseType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
