import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Region } from '../common/graphql-types';

@ObjectType({ description: 'A 通报 in a city chief’s inbox: the province’s monthly notice of a published month' })
export class NoticeInboxItem {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'YYYY-MM' }) month!: string;
  @Field(() => Region, { description: 'the province (or 直辖市) that published it' }) parent!: Region;
  @Field(() => Region, { description: 'the recipient unit (the chief’s own)' }) recipient!: Region;
  @Field(() => String, { description: 'ISO 8601 instant (UTC) of the publication' }) deliveredAt!: string;
  @Field(() => Boolean, { description: 'true once signed for (签收) by a chief of the unit' }) read!: boolean;
  @Field(() => String, { nullable: true, description: 'ISO 8601 instant of the 签收' }) signedAt!: string | null;
  @Field(() => String, { nullable: true, description: 'the account that signed first' }) signedBy!: string | null;
  @Field(() => String, { description: 'the 通报 as PDF (GET, same authentication)' }) pdfPath!: string;
  @Field(() => String, { description: 'the 通报 as Word (.docx) (GET, same authentication)' }) docxPath!: string;
}

@ObjectType({ description: 'One recipient unit’s 签收 of a month’s 通报 (the province’s view)' })
export class NoticeReceiptRow {
  @Field(() => Region) recipient!: Region;
  @Field(() => String) deliveredAt!: string;
  @Field(() => Boolean) signed!: boolean;
  @Field(() => String, { nullable: true }) signedAt!: string | null;
  @Field(() => String, { nullable: true }) signedBy!: string | null;
  @Field(() => String, {
    description: 'the e-mailed copy: OFF (SMTP_URL unset), PENDING, SENT, NO_ADDRESS (no chief has one), FAILED',
  })
  mailStatus!: string;
  @Field(() => String, { nullable: true, description: 'why the e-mail failed (the mail server’s answer)' })
  mailError!: string | null;
  @Field(() => Int) mailAttempts!: number;
}

@ObjectType()
export class NoticeReceipts {
  @Field(() => String) month!: string;
  @Field(() => Region) parent!: Region;
  @Field(() => Boolean, { description: 'false: the month is not published, nothing was delivered' }) published!: boolean;
  @Field(() => Int) signedCount!: number;
  @Field(() => [NoticeReceiptRow], { description: 'every recipient unit, in code order' }) rows!: NoticeReceiptRow[];
}
