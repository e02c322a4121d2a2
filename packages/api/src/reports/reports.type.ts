/** GraphQL type of the monthly report list (月度通报, issue "Dashboard" §Monthly report). */
import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: "A month of the province's monthly report: published when its city ranking is frozen" })
export class ReportMonth {
  @Field(() => String, { description: 'YYYY-MM' }) month!: string;
  @Field(() => Boolean) published!: boolean;
  @Field(() => String, { nullable: true, description: 'ISO date-time of publication' }) publishedAt!: string | null;
}
