import { NotFoundError } from '@hpckit/core';
import type { LookupQuery, PriceIndex } from './price-index.js';

/** One phrase in each language the errors speak. */
interface Words {
  en: string;
  zh: string;
}

const joinWords = (parts: (Words | undefined)[], en: string, zh: string): Words => {
  const present = parts.filter((p): p is Words => p !== undefined);
  return { en: present.map((p) => p.en).join(en), zh: present.map((p) => p.zh).join(zh) };
};

/**
 * Builds the error for a job no price item covers: it names the cluster, partition, QoS and payer
 * that were looked up, says why nothing matched, and how to fix the table.
 */
export function priceNotFound(index: PriceIndex, query: LookupQuery): NotFoundError {
  const at = new Date(query.atMs).toISOString();
  const id = [query.cluster, query.partition, query.qos].filter((s) => s !== undefined).join('/');
  const payer = joinWords(
    [
      query.accountType !== undefined
        ? { en: `account type "${query.accountType}"`, zh: `账户类型“${query.accountType}”` }
        : { en: 'no account type', zh: '无账户类型' },
      query.tenant !== undefined
        ? { en: `tenant "${query.tenant}"`, zh: `租户“${query.tenant}”` }
        : undefined,
      query.account !== undefined
        ? { en: `account "${query.account}"`, zh: `账户“${query.account}”` }
        : undefined,
    ],
    ', ',
    '、',
  );
  const qos: Words =
    query.qos !== undefined
      ? { en: `QoS "${query.qos}"`, zh: `QoS“${query.qos}”` }
      : { en: 'no QoS', zh: '无 QoS' };
  const why = whyNothingMatched(index, query);
  const allQos: Words =
    query.qos !== undefined
      ? { en: ` (all QoS, or qos "${query.qos}")`, zh: `（适用于所有 QoS，或 QoS“${query.qos}”）` }
      : { en: '', zh: '' };
  return new NotFoundError({
    details: { kind: 'price item', id },
    message: `No price item covers cluster "${query.cluster}", partition "${query.partition}", ${qos.en} for ${payer.en} at ${at}: ${why.en}.`,
    hint: `Add a price item for cluster "${query.cluster}" and partition "${query.partition}"${allQos.en} effective from ${at} or earlier, then price the job again; checkCoverage() lists every such gap.`,
    translations: {
      'zh-CN': `在 ${at}，没有价格项覆盖集群“${query.cluster}”、分区“${query.partition}”、${qos.zh}（${payer.zh}）：${why.zh}。请为集群“${query.cluster}”的分区“${query.partition}”添加一个不晚于 ${at} 生效的价格项${allQos.zh}，然后重新为作业计价；checkCoverage() 会列出所有此类缺口。`,
    },
  });
}

function whyNothingMatched(index: PriceIndex, query: LookupQuery): Words {
  const candidates = index.candidates(query.cluster, query.partition);
  if (candidates.length === 0)
    return {
      en: 'the table has no item for this cluster and partition',
      zh: '价格表中没有此集群和分区的价格项',
    };
  const matching = candidates.filter(
    (c) =>
      (c.qos === undefined || c.qos === query.qos) &&
      (c.accountType === undefined || c.accountType === query.accountType) &&
      (c.tenant === undefined || c.tenant === query.tenant) &&
      (c.account === undefined || c.account === query.account),
  );
  if (matching.length === 0) {
    const offered = joinWords(candidates.map(describeSelectors), '; ', '；');
    return {
      en: `items for this partition exist only for ${offered.en}`,
      zh: `此分区的价格项只适用于 ${offered.zh}`,
    };
  }
  const later = matching
    .flatMap((c) => c.versions)
    .filter((v) => v.fromMs > query.atMs)
    .sort((a, b) => a.fromMs - b.fromMs)[0];
  if (later) {
    const from = later.item.effectiveFrom.toISOString();
    return {
      en: `the earliest matching item ("${later.item.id}") takes effect only at ${from}`,
      zh: `最早匹配的价格项（“${later.item.id}”）要到 ${from} 才生效`,
    };
  }
  return {
    en: 'the matching items had stopped (effectiveUntil) by then',
    zh: '匹配的价格项在该时刻已停止生效（effectiveUntil）',
  };
}

function describeSelectors(c: {
  qos?: string;
  accountType?: string;
  tenant?: string;
  account?: string;
}): Words {
  const parts = [
    c.qos !== undefined ? { en: `QoS "${c.qos}"`, zh: `QoS“${c.qos}”` } : undefined,
    c.accountType !== undefined
      ? { en: `account type "${c.accountType}"`, zh: `账户类型“${c.accountType}”` }
      : undefined,
    c.tenant !== undefined ? { en: `tenant "${c.tenant}"`, zh: `租户“${c.tenant}”` } : undefined,
    c.account !== undefined ? { en: `account "${c.account}"`, zh: `账户“${c.account}”` } : undefined,
  ];
  const words = joinWords(parts, ' + ', ' + ');
  return words.en === '' ? { en: 'everyone', zh: '所有人' } : words;
}
