import { EntitySchema } from '@mikro-orm/core';

/**
 * One supervision action (督办, issue "GraphQL API" §Overdue): who pressed which case, when, with what note and which
 * deadline. Append-only: a case supervised twice has two rows, shown in order.
 */
export class SupervisionAction {
  id!: number;
  caseId!: string;
  /** The case's handling unit when supervised (the case may be re-assigned later; the action stays as given). */
  handlingUnitCode!: string;
  userId!: number;
  username!: string;
  role!: string;
  note!: string;
  /** YYYY-MM-DD (Asia/Shanghai), kept as text so no time zone can shift it. */
  deadline!: string;
  createdAt: Date = new Date();
}

export const SupervisionActionSchema = new EntitySchema<SupervisionAction>({
  class: SupervisionAction,
  tableName: 'supervision_actions',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    caseId: { type: 'string', length: 64, index: true },
    handlingUnitCode: { type: 'string', length: 16 },
    userId: { type: 'integer' },
    username: { type: 'string', length: 128 },
    role: { type: 'string', length: 32 },
    note: { type: 'text' },
    deadline: { type: 'string', length: 10 },
    createdAt: { type: 'datetime' },
  },
});
