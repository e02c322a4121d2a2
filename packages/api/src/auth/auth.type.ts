import { findRegion } from '@c12315/domain';
import type { UserAccount } from '@c12315/store';
import { Field, ObjectType } from 'type-graphql';
import { Role } from '../common/graphql-types';

/** schema.graphql `User`, plus the region's name and the disabled flag for the admin's user list. */
@ObjectType()
export class User {
  @Field(() => String) username!: string;
  @Field(() => Role) role!: Role;
  @Field(() => String) regionCode!: string;
  @Field(() => String, { nullable: true }) regionName!: string | null;
  @Field(() => Boolean) disabled!: boolean;
}

@ObjectType()
export class AuthPayload {
  @Field(() => String, { description: 'Bearer token (HS256), valid 8 hours' }) token!: string;
  @Field(() => User) user!: User;
}

export function toUser(account: Pick<UserAccount, 'username' | 'role' | 'regionCode' | 'disabled'>): User {
  return {
    username: account.username,
    role: account.role as Role,
    regionCode: account.regionCode,
    regionName: findRegion(account.regionCode)?.name ?? null,
    disabled: account.disabled,
  };
}
