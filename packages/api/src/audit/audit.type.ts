import { AUDIT_ACTIONS } from '@c12315/store';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo, Role } from '../common/graphql-types';

/** The audit log's actions (store: audit-log.entity.ts), as a GraphQL enum. */
export const AuditActionEnum = Object.fromEntries(AUDIT_ACTIONS.map((a) => [a, a])) as {
  [K in (typeof AUDIT_ACTIONS)[number]]: K;
};
export type AuditActionEnum = (typeof AUDIT_ACTIONS)[number];
registerEnumType(AuditActionEnum, {
  name: 'AuditAction',
  description:
    'Sign-in (LOGIN_*), user management (USER_ADDED, USER_DISABLED, PASSWORD_RESET), exports (EXPORT_*), ' +
    'ranking publication and configuration (RANKING_*), file loads (FILE_LOAD), 通报 (NOTICE_*), 消费预警 drafts, publications and rule changes (WARNING_*)',
});

@ObjectType({ description: 'One audit log entry (PROVINCE_ADMIN). Never holds personal data.' })
export class AuditLogEntry {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'ISO 8601 instant (UTC)' }) at!: string;
  @Field(() => AuditActionEnum) action!: AuditActionEnum;
  @Field(() => String, { description: 'a staff user name, cli:<os user>, or the ETL’s --user' }) actor!: string;
  @Field(() => Role, { nullable: true, description: 'the actor’s role when signed in' }) actorRole!: Role | null;
  @Field(() => String, { nullable: true, description: 'the region the entry belongs to; null: not bound to one (a file load)' })
  regionCode!: string | null;
  @Field(() => String, { nullable: true, description: 'a user name, a file name, a report or ranking' }) target!: string | null;
  @Field(() => String, { nullable: true }) detail!: string | null;
  @Field(() => String, { nullable: true, description: 'the action’s parameters, as a JSON object' }) params!: string | null;
  @Field(() => String, { nullable: true, description: 'the client address over HTTP' }) ip!: string | null;
}

@ObjectType()
export class AuditLogConnection {
  @Field(() => Int) totalCount!: number;
  @Field(() => [AuditLogEntry], { description: 'newest first' }) nodes!: AuditLogEntry[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
