/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me {\n      username\n      role\n      regionCode\n      regionName\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      user {\n        username\n        role\n        regionCode\n        regionName\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  fragment MetricRowFields on MetricRow {\n    keys {\n      dimension\n      code\n      label\n    }\n    values {\n      indicatorId\n      value\n    }\n  }\n": typeof types.MetricRowFieldsFragmentDoc,
    "\n  fragment SupervisionFields on SupervisionAction {\n    id\n    createdAt\n    deadline\n    note\n    role\n    supervisedBy\n  }\n": typeof types.SupervisionFieldsFragmentDoc,
    "\n  query CaseDetail($caseId: ID!) {\n    case(caseId: $caseId) {\n      caseId\n      kind\n      registeredAt\n      handlingUnitCode\n      handlingUnitName\n      respondentName\n      status\n      objectCategory\n      problemCategory\n      closedAt\n      channel\n      industryCode\n      acceptance\n      outcome\n      foodRelated\n      acceptanceDue\n      closingDue\n      verificationDue\n      supervisions {\n        ...SupervisionFields\n      }\n    }\n  }\n": typeof types.CaseDetailDocument,
    "\n  mutation SuperviseCase($caseId: ID!, $note: String!, $deadline: Date!) {\n    superviseCase(caseId: $caseId, note: $note, deadline: $deadline) {\n      caseId\n      ...SupervisionFields\n    }\n  }\n": typeof types.SuperviseCaseDocument,
    "\n  query DrillMetrics($filter: CaseFilter!, $groupBy: [Dimension!]!, $indicatorIds: [ID!]!) {\n    metrics(filter: $filter, groupBy: $groupBy, indicatorIds: $indicatorIds) {\n      ...MetricRowFields\n      values {\n        numerator\n        denominator\n      }\n    }\n  }\n": typeof types.DrillMetricsDocument,
    "\n  query CaseList($filter: CaseFilter!, $first: Int, $after: String) {\n    cases(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        caseId\n        kind\n        registeredAt\n        handlingUnitCode\n        handlingUnitName\n        respondentName\n        status\n        objectCategory\n        problemCategory\n        closedAt\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.CaseListDocument,
    "\n  query FoodHotspots($month: String!, $regionCode: String, $top: Int) {\n    foodSafetyHotspots(month: $month, regionCode: $regionCode, top: $top) {\n      month\n      regionCode\n      operators {\n        operatorKey\n        operatorName\n        uscc\n        count\n        previousCount\n        baseline\n        spike\n      }\n      industries {\n        ...MetricRowFields\n      }\n      counties {\n        ...MetricRowFields\n      }\n    }\n  }\n": typeof types.FoodHotspotsDocument,
    "\n  query FoodHeat($filter: CaseFilter!) {\n    metrics(filter: $filter, groupBy: [COUNTY, MONTH], indicatorIds: [\"received\"]) {\n      ...MetricRowFields\n    }\n  }\n": typeof types.FoodHeatDocument,
    "\n  query UnreadNoticeCount {\n    unreadNoticeCount\n  }\n": typeof types.UnreadNoticeCountDocument,
    "\n  fragment NoticeItemFields on NoticeInboxItem {\n    id\n    month\n    parent {\n      code\n      name\n    }\n    recipient {\n      code\n      name\n    }\n    deliveredAt\n    read\n    signedAt\n    signedBy\n    pdfPath\n    docxPath\n  }\n": typeof types.NoticeItemFieldsFragmentDoc,
    "\n  query NoticeInbox {\n    noticeInbox {\n      ...NoticeItemFields\n    }\n  }\n": typeof types.NoticeInboxDocument,
    "\n  mutation SignNotice($id: ID!) {\n    signNotice(id: $id) {\n      ...NoticeItemFields\n    }\n  }\n": typeof types.SignNoticeDocument,
    "\n  query NoticeReceipts($month: String!, $parentCode: String) {\n    noticeReceipts(month: $month, parentCode: $parentCode) {\n      month\n      published\n      signedCount\n      rows {\n        recipient {\n          code\n          name\n        }\n        signed\n        signedAt\n        signedBy\n        mailStatus\n        mailError\n      }\n    }\n  }\n": typeof types.NoticeReceiptsDocument,
    "\n  query OverdueCases(\n    $asOf: Date\n    $regionCode: String\n    $sort: OverdueSort\n    $stages: [OverdueStage!]\n    $kinds: [CaseKind!]\n    $first: Int\n    $after: String\n  ) {\n    overdueCases(asOf: $asOf, regionCode: $regionCode, sort: $sort, stages: $stages, kinds: $kinds, first: $first, after: $after) {\n      totalCount\n      nodes {\n        caseId\n        kind\n        registeredAt\n        handlingUnitCode\n        handlingUnitName\n        respondentName\n        stage\n        dueDate\n        dueDateProvisional\n        overdueWorkdays\n        objectCategory\n        problemCategory\n        supervisions {\n          id\n          createdAt\n          deadline\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.OverdueCasesDocument,
    "\n  query Ranking($month: String!, $level: RegionLevel, $parentCode: String) {\n    ranking(month: $month, level: $level, parentCode: $parentCode) {\n      month\n      level\n      unitLevel\n      parentCode\n      asOf\n      configVersion\n      published\n      publishedAt\n      dataMonths\n      latestDataMonth\n      rows {\n        region {\n          code\n          name\n          level\n        }\n        rank\n        previousRank\n        score\n        noScore\n        values {\n          indicatorId\n          value\n          points\n          numerator\n          denominator\n        }\n        movement {\n          indicatorId\n          points\n          previousPoints\n          pointsDelta\n        }\n      }\n      redList {\n        regionCodes\n        tieAtCut\n      }\n      blackList {\n        regionCodes\n        tieAtCut\n      }\n      totals {\n        indicatorId\n        value\n        numerator\n        denominator\n      }\n    }\n  }\n": typeof types.RankingDocument,
    "\n  query RankingTrend($month: String!, $level: RegionLevel, $parentCode: String) {\n    ranking(month: $month, level: $level, parentCode: $parentCode) {\n      month\n      published\n      rows {\n        region {\n          code\n        }\n        rank\n        score\n      }\n    }\n  }\n": typeof types.RankingTrendDocument,
    "\n  query RankingConfig {\n    rankingConfig {\n      version\n      indicators {\n        id\n        weight\n        floor\n        target\n      }\n    }\n  }\n": typeof types.RankingConfigDocument,
    "\n  query Regions($parentCode: String, $level: RegionLevel) {\n    regions(parentCode: $parentCode, level: $level) {\n      code\n      name\n      level\n      parentCode\n    }\n  }\n": typeof types.RegionsDocument,
    "\n  query Reports($through: String) {\n    reports(through: $through) {\n      month\n      published\n      publishedAt\n      dueDatesProvisional\n    }\n  }\n": typeof types.ReportsDocument,
    "\n  query ReportCityMetrics($filter: CaseFilter!) {\n    cities: metrics(filter: $filter, groupBy: [CITY], indicatorIds: [\"received\", \"complaints\", \"reports\", \"overdue_open\"]) {\n      ...MetricRowFields\n    }\n    problems: metrics(filter: $filter, groupBy: [CITY, PROBLEM_CATEGORY], indicatorIds: [\"received\"]) {\n      ...MetricRowFields\n    }\n  }\n": typeof types.ReportCityMetricsDocument,
    "\n  mutation PublishRanking($month: String!, $parentCode: String) {\n    publishRanking(month: $month, level: CITY, parentCode: $parentCode) {\n      month\n      published\n      publishedAt\n    }\n  }\n": typeof types.PublishRankingDocument,
    "\n  fragment WarningNoticeFields on ConsumerWarningNotice {\n    id\n    month\n    regionCode\n    regionName\n    title\n    text\n    status\n    ruleVersion\n    author\n    updatedAt\n    publishedAt\n    publishedBy\n  }\n": typeof types.WarningNoticeFieldsFragmentDoc,
    "\n  fragment RiseFields on RiseWarning {\n    dimension\n    code\n    label\n    count\n    trailingSum\n    trailingBaseline\n    lastYearCount\n    lastYearTrailingSum\n    seasonalBaseline\n    baseline\n    threshold\n    ratio\n  }\n": typeof types.RiseFieldsFragmentDoc,
    "\n  query ConsumerWarnings($month: String!, $regionCode: String) {\n    consumerWarnings(month: $month, regionCode: $regionCode) {\n      month\n      regionCode\n      regionName\n      rule {\n        version\n        minCount\n        ratio\n        baselineMonths\n        seasonal\n        maxPerDimension\n        description\n      }\n      rises {\n        ...RiseFields\n      }\n      seasonal {\n        ...RiseFields\n      }\n      draftTitle\n      draftText\n      notices {\n        ...WarningNoticeFields\n      }\n    }\n  }\n": typeof types.ConsumerWarningsDocument,
    "\n  query PublishedWarnings($month: String) {\n    publishedConsumerWarnings(month: $month) {\n      ...WarningNoticeFields\n    }\n  }\n": typeof types.PublishedWarningsDocument,
    "\n  mutation SaveConsumerWarning($input: ConsumerWarningInput!) {\n    saveConsumerWarning(input: $input) {\n      ...WarningNoticeFields\n    }\n  }\n": typeof types.SaveConsumerWarningDocument,
    "\n  query WarningSubscription {\n    warningSubscription {\n      subscribed\n      regionCode\n      unseenCount\n    }\n  }\n": typeof types.WarningSubscriptionDocument,
    "\n  mutation SetWarningSubscription($subscribed: Boolean!) {\n    setWarningSubscription(subscribed: $subscribed) {\n      subscribed\n      regionCode\n      unseenCount\n    }\n  }\n": typeof types.SetWarningSubscriptionDocument,
    "\n  mutation MarkWarningsSeen {\n    markWarningsSeen {\n      subscribed\n      regionCode\n      unseenCount\n    }\n  }\n": typeof types.MarkWarningsSeenDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      username\n      role\n      regionCode\n      regionName\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      user {\n        username\n        role\n        regionCode\n        regionName\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  fragment MetricRowFields on MetricRow {\n    keys {\n      dimension\n      code\n      label\n    }\n    values {\n      indicatorId\n      value\n    }\n  }\n": types.MetricRowFieldsFragmentDoc,
    "\n  fragment SupervisionFields on SupervisionAction {\n    id\n    createdAt\n    deadline\n    note\n    role\n    supervisedBy\n  }\n": types.SupervisionFieldsFragmentDoc,
    "\n  query CaseDetail($caseId: ID!) {\n    case(caseId: $caseId) {\n      caseId\n      kind\n      registeredAt\n      handlingUnitCode\n      handlingUnitName\n      respondentName\n      status\n      objectCategory\n      problemCategory\n      closedAt\n      channel\n      industryCode\n      acceptance\n      outcome\n      foodRelated\n      acceptanceDue\n      closingDue\n      verificationDue\n      supervisions {\n        ...SupervisionFields\n      }\n    }\n  }\n": types.CaseDetailDocument,
    "\n  mutation SuperviseCase($caseId: ID!, $note: String!, $deadline: Date!) {\n    superviseCase(caseId: $caseId, note: $note, deadline: $deadline) {\n      caseId\n      ...SupervisionFields\n    }\n  }\n": types.SuperviseCaseDocument,
    "\n  query DrillMetrics($filter: CaseFilter!, $groupBy: [Dimension!]!, $indicatorIds: [ID!]!) {\n    metrics(filter: $filter, groupBy: $groupBy, indicatorIds: $indicatorIds) {\n      ...MetricRowFields\n      values {\n        numerator\n        denominator\n      }\n    }\n  }\n": types.DrillMetricsDocument,
    "\n  query CaseList($filter: CaseFilter!, $first: Int, $after: String) {\n    cases(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        caseId\n        kind\n        registeredAt\n        handlingUnitCode\n        handlingUnitName\n        respondentName\n        status\n        objectCategory\n        problemCategory\n        closedAt\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.CaseListDocument,
    "\n  query FoodHotspots($month: String!, $regionCode: String, $top: Int) {\n    foodSafetyHotspots(month: $month, regionCode: $regionCode, top: $top) {\n      month\n      regionCode\n      operators {\n        operatorKey\n        operatorName\n        uscc\n        count\n        previousCount\n        baseline\n        spike\n      }\n      industries {\n        ...MetricRowFields\n      }\n      counties {\n        ...MetricRowFields\n      }\n    }\n  }\n": types.FoodHotspotsDocument,
    "\n  query FoodHeat($filter: CaseFilter!) {\n    metrics(filter: $filter, groupBy: [COUNTY, MONTH], indicatorIds: [\"received\"]) {\n      ...MetricRowFields\n    }\n  }\n": types.FoodHeatDocument,
    "\n  query UnreadNoticeCount {\n    unreadNoticeCount\n  }\n": types.UnreadNoticeCountDocument,
    "\n  fragment NoticeItemFields on NoticeInboxItem {\n    id\n    month\n    parent {\n      code\n      name\n    }\n    recipient {\n      code\n      name\n    }\n    deliveredAt\n    read\n    signedAt\n    signedBy\n    pdfPath\n    docxPath\n  }\n": types.NoticeItemFieldsFragmentDoc,
    "\n  query NoticeInbox {\n    noticeInbox {\n      ...NoticeItemFields\n    }\n  }\n": types.NoticeInboxDocument,
    "\n  mutation SignNotice($id: ID!) {\n    signNotice(id: $id) {\n      ...NoticeItemFields\n    }\n  }\n": types.SignNoticeDocument,
    "\n  query NoticeReceipts($month: String!, $parentCode: String) {\n    noticeReceipts(month: $month, parentCode: $parentCode) {\n      month\n      published\n      signedCount\n      rows {\n        recipient {\n          code\n          name\n        }\n        signed\n        signedAt\n        signedBy\n        mailStatus\n        mailError\n      }\n    }\n  }\n": types.NoticeReceiptsDocument,
    "\n  query OverdueCases(\n    $asOf: Date\n    $regionCode: String\n    $sort: OverdueSort\n    $stages: [OverdueStage!]\n    $kinds: [CaseKind!]\n    $first: Int\n    $after: String\n  ) {\n    overdueCases(asOf: $asOf, regionCode: $regionCode, sort: $sort, stages: $stages, kinds: $kinds, first: $first, after: $after) {\n      totalCount\n      nodes {\n        caseId\n        kind\n        registeredAt\n        handlingUnitCode\n        handlingUnitName\n        respondentName\n        stage\n        dueDate\n        dueDateProvisional\n        overdueWorkdays\n        objectCategory\n        problemCategory\n        supervisions {\n          id\n          createdAt\n          deadline\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.OverdueCasesDocument,
    "\n  query Ranking($month: String!, $level: RegionLevel, $parentCode: String) {\n    ranking(month: $month, level: $level, parentCode: $parentCode) {\n      month\n      level\n      unitLevel\n      parentCode\n      asOf\n      configVersion\n      published\n      publishedAt\n      dataMonths\n      latestDataMonth\n      rows {\n        region {\n          code\n          name\n          level\n        }\n        rank\n        previousRank\n        score\n        noScore\n        values {\n          indicatorId\n          value\n          points\n          numerator\n          denominator\n        }\n        movement {\n          indicatorId\n          points\n          previousPoints\n          pointsDelta\n        }\n      }\n      redList {\n        regionCodes\n        tieAtCut\n      }\n      blackList {\n        regionCodes\n        tieAtCut\n      }\n      totals {\n        indicatorId\n        value\n        numerator\n        denominator\n      }\n    }\n  }\n": types.RankingDocument,
    "\n  query RankingTrend($month: String!, $level: RegionLevel, $parentCode: String) {\n    ranking(month: $month, level: $level, parentCode: $parentCode) {\n      month\n      published\n      rows {\n        region {\n          code\n        }\n        rank\n        score\n      }\n    }\n  }\n": types.RankingTrendDocument,
    "\n  query RankingConfig {\n    rankingConfig {\n      version\n      indicators {\n        id\n        weight\n        floor\n        target\n      }\n    }\n  }\n": types.RankingConfigDocument,
    "\n  query Regions($parentCode: String, $level: RegionLevel) {\n    regions(parentCode: $parentCode, level: $level) {\n      code\n      name\n      level\n      parentCode\n    }\n  }\n": types.RegionsDocument,
    "\n  query Reports($through: String) {\n    reports(through: $through) {\n      month\n      published\n      publishedAt\n      dueDatesProvisional\n    }\n  }\n": types.ReportsDocument,
    "\n  query ReportCityMetrics($filter: CaseFilter!) {\n    cities: metrics(filter: $filter, groupBy: [CITY], indicatorIds: [\"received\", \"complaints\", \"reports\", \"overdue_open\"]) {\n      ...MetricRowFields\n    }\n    problems: metrics(filter: $filter, groupBy: [CITY, PROBLEM_CATEGORY], indicatorIds: [\"received\"]) {\n      ...MetricRowFields\n    }\n  }\n": types.ReportCityMetricsDocument,
    "\n  mutation PublishRanking($month: String!, $parentCode: String) {\n    publishRanking(month: $month, level: CITY, parentCode: $parentCode) {\n      month\n      published\n      publishedAt\n    }\n  }\n": types.PublishRankingDocument,
    "\n  fragment WarningNoticeFields on ConsumerWarningNotice {\n    id\n    month\n    regionCode\n    regionName\n    title\n    text\n    status\n    ruleVersion\n    author\n    updatedAt\n    publishedAt\n    publishedBy\n  }\n": types.WarningNoticeFieldsFragmentDoc,
    "\n  fragment RiseFields on RiseWarning {\n    dimension\n    code\n    label\n    count\n    trailingSum\n    trailingBaseline\n    lastYearCount\n    lastYearTrailingSum\n    seasonalBaseline\n    baseline\n    threshold\n    ratio\n  }\n": types.RiseFieldsFragmentDoc,
    "\n  query ConsumerWarnings($month: String!, $regionCode: String) {\n    consumerWarnings(month: $month, regionCode: $regionCode) {\n      month\n      regionCode\n      regionName\n      rule {\n        version\n        minCount\n        ratio\n        baselineMonths\n        seasonal\n        maxPerDimension\n        description\n      }\n      rises {\n        ...RiseFields\n      }\n      seasonal {\n        ...RiseFields\n      }\n      draftTitle\n      draftText\n      notices {\n        ...WarningNoticeFields\n      }\n    }\n  }\n": types.ConsumerWarningsDocument,
    "\n  query PublishedWarnings($month: String) {\n    publishedConsumerWarnings(month: $month) {\n      ...WarningNoticeFields\n    }\n  }\n": types.PublishedWarningsDocument,
    "\n  mutation SaveConsumerWarning($input: ConsumerWarningInput!) {\n    saveConsumerWarning(input: $input) {\n      ...WarningNoticeFields\n    }\n  }\n": types.SaveConsumerWarningDocument,
    "\n  query WarningSubscription {\n    warningSubscription {\n      subscribed\n      regionCode\n      unseenCount\n    }\n  }\n": types.WarningSubscriptionDocument,
    "\n  mutation SetWarningSubscription($subscribed: Boolean!) {\n    setWarningSubscription(subscribed: $subscribed) {\n      subscribed\n      regionCode\n      unseenCount\n    }\n  }\n": types.SetWarningSubscriptionDocument,
    "\n  mutation MarkWarningsSeen {\n    markWarningsSeen {\n      subscribed\n      regionCode\n      unseenCount\n    }\n  }\n": types.MarkWarningsSeenDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      username\n      role\n      regionCode\n      regionName\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      username\n      role\n      regionCode\n      regionName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      user {\n        username\n        role\n        regionCode\n        regionName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      user {\n        username\n        role\n        regionCode\n        regionName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MetricRowFields on MetricRow {\n    keys {\n      dimension\n      code\n      label\n    }\n    values {\n      indicatorId\n      value\n    }\n  }\n"): (typeof documents)["\n  fragment MetricRowFields on MetricRow {\n    keys {\n      dimension\n      code\n      label\n    }\n    values {\n      indicatorId\n      value\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SupervisionFields on SupervisionAction {\n    id\n    createdAt\n    deadline\n    note\n    role\n    supervisedBy\n  }\n"): (typeof documents)["\n  fragment SupervisionFields on SupervisionAction {\n    id\n    createdAt\n    deadline\n    note\n    role\n    supervisedBy\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseDetail($caseId: ID!) {\n    case(caseId: $caseId) {\n      caseId\n      kind\n      registeredAt\n      handlingUnitCode\n      handlingUnitName\n      respondentName\n      status\n      objectCategory\n      problemCategory\n      closedAt\n      channel\n      industryCode\n      acceptance\n      outcome\n      foodRelated\n      acceptanceDue\n      closingDue\n      verificationDue\n      supervisions {\n        ...SupervisionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query CaseDetail($caseId: ID!) {\n    case(caseId: $caseId) {\n      caseId\n      kind\n      registeredAt\n      handlingUnitCode\n      handlingUnitName\n      respondentName\n      status\n      objectCategory\n      problemCategory\n      closedAt\n      channel\n      industryCode\n      acceptance\n      outcome\n      foodRelated\n      acceptanceDue\n      closingDue\n      verificationDue\n      supervisions {\n        ...SupervisionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SuperviseCase($caseId: ID!, $note: String!, $deadline: Date!) {\n    superviseCase(caseId: $caseId, note: $note, deadline: $deadline) {\n      caseId\n      ...SupervisionFields\n    }\n  }\n"): (typeof documents)["\n  mutation SuperviseCase($caseId: ID!, $note: String!, $deadline: Date!) {\n    superviseCase(caseId: $caseId, note: $note, deadline: $deadline) {\n      caseId\n      ...SupervisionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DrillMetrics($filter: CaseFilter!, $groupBy: [Dimension!]!, $indicatorIds: [ID!]!) {\n    metrics(filter: $filter, groupBy: $groupBy, indicatorIds: $indicatorIds) {\n      ...MetricRowFields\n      values {\n        numerator\n        denominator\n      }\n    }\n  }\n"): (typeof documents)["\n  query DrillMetrics($filter: CaseFilter!, $groupBy: [Dimension!]!, $indicatorIds: [ID!]!) {\n    metrics(filter: $filter, groupBy: $groupBy, indicatorIds: $indicatorIds) {\n      ...MetricRowFields\n      values {\n        numerator\n        denominator\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseList($filter: CaseFilter!, $first: Int, $after: String) {\n    cases(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        caseId\n        kind\n        registeredAt\n        handlingUnitCode\n        handlingUnitName\n        respondentName\n        status\n        objectCategory\n        problemCategory\n        closedAt\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query CaseList($filter: CaseFilter!, $first: Int, $after: String) {\n    cases(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        caseId\n        kind\n        registeredAt\n        handlingUnitCode\n        handlingUnitName\n        respondentName\n        status\n        objectCategory\n        problemCategory\n        closedAt\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FoodHotspots($month: String!, $regionCode: String, $top: Int) {\n    foodSafetyHotspots(month: $month, regionCode: $regionCode, top: $top) {\n      month\n      regionCode\n      operators {\n        operatorKey\n        operatorName\n        uscc\n        count\n        previousCount\n        baseline\n        spike\n      }\n      industries {\n        ...MetricRowFields\n      }\n      counties {\n        ...MetricRowFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query FoodHotspots($month: String!, $regionCode: String, $top: Int) {\n    foodSafetyHotspots(month: $month, regionCode: $regionCode, top: $top) {\n      month\n      regionCode\n      operators {\n        operatorKey\n        operatorName\n        uscc\n        count\n        previousCount\n        baseline\n        spike\n      }\n      industries {\n        ...MetricRowFields\n      }\n      counties {\n        ...MetricRowFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FoodHeat($filter: CaseFilter!) {\n    metrics(filter: $filter, groupBy: [COUNTY, MONTH], indicatorIds: [\"received\"]) {\n      ...MetricRowFields\n    }\n  }\n"): (typeof documents)["\n  query FoodHeat($filter: CaseFilter!) {\n    metrics(filter: $filter, groupBy: [COUNTY, MONTH], indicatorIds: [\"received\"]) {\n      ...MetricRowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadNoticeCount {\n    unreadNoticeCount\n  }\n"): (typeof documents)["\n  query UnreadNoticeCount {\n    unreadNoticeCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NoticeItemFields on NoticeInboxItem {\n    id\n    month\n    parent {\n      code\n      name\n    }\n    recipient {\n      code\n      name\n    }\n    deliveredAt\n    read\n    signedAt\n    signedBy\n    pdfPath\n    docxPath\n  }\n"): (typeof documents)["\n  fragment NoticeItemFields on NoticeInboxItem {\n    id\n    month\n    parent {\n      code\n      name\n    }\n    recipient {\n      code\n      name\n    }\n    deliveredAt\n    read\n    signedAt\n    signedBy\n    pdfPath\n    docxPath\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NoticeInbox {\n    noticeInbox {\n      ...NoticeItemFields\n    }\n  }\n"): (typeof documents)["\n  query NoticeInbox {\n    noticeInbox {\n      ...NoticeItemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignNotice($id: ID!) {\n    signNotice(id: $id) {\n      ...NoticeItemFields\n    }\n  }\n"): (typeof documents)["\n  mutation SignNotice($id: ID!) {\n    signNotice(id: $id) {\n      ...NoticeItemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NoticeReceipts($month: String!, $parentCode: String) {\n    noticeReceipts(month: $month, parentCode: $parentCode) {\n      month\n      published\n      signedCount\n      rows {\n        recipient {\n          code\n          name\n        }\n        signed\n        signedAt\n        signedBy\n        mailStatus\n        mailError\n      }\n    }\n  }\n"): (typeof documents)["\n  query NoticeReceipts($month: String!, $parentCode: String) {\n    noticeReceipts(month: $month, parentCode: $parentCode) {\n      month\n      published\n      signedCount\n      rows {\n        recipient {\n          code\n          name\n        }\n        signed\n        signedAt\n        signedBy\n        mailStatus\n        mailError\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverdueCases(\n    $asOf: Date\n    $regionCode: String\n    $sort: OverdueSort\n    $stages: [OverdueStage!]\n    $kinds: [CaseKind!]\n    $first: Int\n    $after: String\n  ) {\n    overdueCases(asOf: $asOf, regionCode: $regionCode, sort: $sort, stages: $stages, kinds: $kinds, first: $first, after: $after) {\n      totalCount\n      nodes {\n        caseId\n        kind\n        registeredAt\n        handlingUnitCode\n        handlingUnitName\n        respondentName\n        stage\n        dueDate\n        dueDateProvisional\n        overdueWorkdays\n        objectCategory\n        problemCategory\n        supervisions {\n          id\n          createdAt\n          deadline\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query OverdueCases(\n    $asOf: Date\n    $regionCode: String\n    $sort: OverdueSort\n    $stages: [OverdueStage!]\n    $kinds: [CaseKind!]\n    $first: Int\n    $after: String\n  ) {\n    overdueCases(asOf: $asOf, regionCode: $regionCode, sort: $sort, stages: $stages, kinds: $kinds, first: $first, after: $after) {\n      totalCount\n      nodes {\n        caseId\n        kind\n        registeredAt\n        handlingUnitCode\n        handlingUnitName\n        respondentName\n        stage\n        dueDate\n        dueDateProvisional\n        overdueWorkdays\n        objectCategory\n        problemCategory\n        supervisions {\n          id\n          createdAt\n          deadline\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Ranking($month: String!, $level: RegionLevel, $parentCode: String) {\n    ranking(month: $month, level: $level, parentCode: $parentCode) {\n      month\n      level\n      unitLevel\n      parentCode\n      asOf\n      configVersion\n      published\n      publishedAt\n      dataMonths\n      latestDataMonth\n      rows {\n        region {\n          code\n          name\n          level\n        }\n        rank\n        previousRank\n        score\n        noScore\n        values {\n          indicatorId\n          value\n          points\n          numerator\n          denominator\n        }\n        movement {\n          indicatorId\n          points\n          previousPoints\n          pointsDelta\n        }\n      }\n      redList {\n        regionCodes\n        tieAtCut\n      }\n      blackList {\n        regionCodes\n        tieAtCut\n      }\n      totals {\n        indicatorId\n        value\n        numerator\n        denominator\n      }\n    }\n  }\n"): (typeof documents)["\n  query Ranking($month: String!, $level: RegionLevel, $parentCode: String) {\n    ranking(month: $month, level: $level, parentCode: $parentCode) {\n      month\n      level\n      unitLevel\n      parentCode\n      asOf\n      configVersion\n      published\n      publishedAt\n      dataMonths\n      latestDataMonth\n      rows {\n        region {\n          code\n          name\n          level\n        }\n        rank\n        previousRank\n        score\n        noScore\n        values {\n          indicatorId\n          value\n          points\n          numerator\n          denominator\n        }\n        movement {\n          indicatorId\n          points\n          previousPoints\n          pointsDelta\n        }\n      }\n      redList {\n        regionCodes\n        tieAtCut\n      }\n      blackList {\n        regionCodes\n        tieAtCut\n      }\n      totals {\n        indicatorId\n        value\n        numerator\n        denominator\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RankingTrend($month: String!, $level: RegionLevel, $parentCode: String) {\n    ranking(month: $month, level: $level, parentCode: $parentCode) {\n      month\n      published\n      rows {\n        region {\n          code\n        }\n        rank\n        score\n      }\n    }\n  }\n"): (typeof documents)["\n  query RankingTrend($month: String!, $level: RegionLevel, $parentCode: String) {\n    ranking(month: $month, level: $level, parentCode: $parentCode) {\n      month\n      published\n      rows {\n        region {\n          code\n        }\n        rank\n        score\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RankingConfig {\n    rankingConfig {\n      version\n      indicators {\n        id\n        weight\n        floor\n        target\n      }\n    }\n  }\n"): (typeof documents)["\n  query RankingConfig {\n    rankingConfig {\n      version\n      indicators {\n        id\n        weight\n        floor\n        target\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Regions($parentCode: String, $level: RegionLevel) {\n    regions(parentCode: $parentCode, level: $level) {\n      code\n      name\n      level\n      parentCode\n    }\n  }\n"): (typeof documents)["\n  query Regions($parentCode: String, $level: RegionLevel) {\n    regions(parentCode: $parentCode, level: $level) {\n      code\n      name\n      level\n      parentCode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Reports($through: String) {\n    reports(through: $through) {\n      month\n      published\n      publishedAt\n      dueDatesProvisional\n    }\n  }\n"): (typeof documents)["\n  query Reports($through: String) {\n    reports(through: $through) {\n      month\n      published\n      publishedAt\n      dueDatesProvisional\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportCityMetrics($filter: CaseFilter!) {\n    cities: metrics(filter: $filter, groupBy: [CITY], indicatorIds: [\"received\", \"complaints\", \"reports\", \"overdue_open\"]) {\n      ...MetricRowFields\n    }\n    problems: metrics(filter: $filter, groupBy: [CITY, PROBLEM_CATEGORY], indicatorIds: [\"received\"]) {\n      ...MetricRowFields\n    }\n  }\n"): (typeof documents)["\n  query ReportCityMetrics($filter: CaseFilter!) {\n    cities: metrics(filter: $filter, groupBy: [CITY], indicatorIds: [\"received\", \"complaints\", \"reports\", \"overdue_open\"]) {\n      ...MetricRowFields\n    }\n    problems: metrics(filter: $filter, groupBy: [CITY, PROBLEM_CATEGORY], indicatorIds: [\"received\"]) {\n      ...MetricRowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishRanking($month: String!, $parentCode: String) {\n    publishRanking(month: $month, level: CITY, parentCode: $parentCode) {\n      month\n      published\n      publishedAt\n    }\n  }\n"): (typeof documents)["\n  mutation PublishRanking($month: String!, $parentCode: String) {\n    publishRanking(month: $month, level: CITY, parentCode: $parentCode) {\n      month\n      published\n      publishedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WarningNoticeFields on ConsumerWarningNotice {\n    id\n    month\n    regionCode\n    regionName\n    title\n    text\n    status\n    ruleVersion\n    author\n    updatedAt\n    publishedAt\n    publishedBy\n  }\n"): (typeof documents)["\n  fragment WarningNoticeFields on ConsumerWarningNotice {\n    id\n    month\n    regionCode\n    regionName\n    title\n    text\n    status\n    ruleVersion\n    author\n    updatedAt\n    publishedAt\n    publishedBy\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RiseFields on RiseWarning {\n    dimension\n    code\n    label\n    count\n    trailingSum\n    trailingBaseline\n    lastYearCount\n    lastYearTrailingSum\n    seasonalBaseline\n    baseline\n    threshold\n    ratio\n  }\n"): (typeof documents)["\n  fragment RiseFields on RiseWarning {\n    dimension\n    code\n    label\n    count\n    trailingSum\n    trailingBaseline\n    lastYearCount\n    lastYearTrailingSum\n    seasonalBaseline\n    baseline\n    threshold\n    ratio\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsumerWarnings($month: String!, $regionCode: String) {\n    consumerWarnings(month: $month, regionCode: $regionCode) {\n      month\n      regionCode\n      regionName\n      rule {\n        version\n        minCount\n        ratio\n        baselineMonths\n        seasonal\n        maxPerDimension\n        description\n      }\n      rises {\n        ...RiseFields\n      }\n      seasonal {\n        ...RiseFields\n      }\n      draftTitle\n      draftText\n      notices {\n        ...WarningNoticeFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsumerWarnings($month: String!, $regionCode: String) {\n    consumerWarnings(month: $month, regionCode: $regionCode) {\n      month\n      regionCode\n      regionName\n      rule {\n        version\n        minCount\n        ratio\n        baselineMonths\n        seasonal\n        maxPerDimension\n        description\n      }\n      rises {\n        ...RiseFields\n      }\n      seasonal {\n        ...RiseFields\n      }\n      draftTitle\n      draftText\n      notices {\n        ...WarningNoticeFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublishedWarnings($month: String) {\n    publishedConsumerWarnings(month: $month) {\n      ...WarningNoticeFields\n    }\n  }\n"): (typeof documents)["\n  query PublishedWarnings($month: String) {\n    publishedConsumerWarnings(month: $month) {\n      ...WarningNoticeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveConsumerWarning($input: ConsumerWarningInput!) {\n    saveConsumerWarning(input: $input) {\n      ...WarningNoticeFields\n    }\n  }\n"): (typeof documents)["\n  mutation SaveConsumerWarning($input: ConsumerWarningInput!) {\n    saveConsumerWarning(input: $input) {\n      ...WarningNoticeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WarningSubscription {\n    warningSubscription {\n      subscribed\n      regionCode\n      unseenCount\n    }\n  }\n"): (typeof documents)["\n  query WarningSubscription {\n    warningSubscription {\n      subscribed\n      regionCode\n      unseenCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetWarningSubscription($subscribed: Boolean!) {\n    setWarningSubscription(subscribed: $subscribed) {\n      subscribed\n      regionCode\n      unseenCount\n    }\n  }\n"): (typeof documents)["\n  mutation SetWarningSubscription($subscribed: Boolean!) {\n    setWarningSubscription(subscribed: $subscribed) {\n      subscribed\n      regionCode\n      unseenCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkWarningsSeen {\n    markWarningsSeen {\n      subscribed\n      regionCode\n      unseenCount\n    }\n  }\n"): (typeof documents)["\n  mutation MarkWarningsSeen {\n    markWarningsSeen {\n      subscribed\n      regionCode\n      unseenCount\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;